#pragma once
// Moved to the model (the command line's --labels uses it too).
#include "atlas/model/label_names.h"
