// Must compile: the command line sits on publishing. The control for the probes beside it.
#include "atlas/publishing/project_export.h"
