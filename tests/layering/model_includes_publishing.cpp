// Must not compile: the model is under publishing.
#include "atlas/publishing/project_export.h"
