// Must not compile: render is under the model.
#include "atlas/model/map_document.h"
