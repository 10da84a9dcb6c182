// Must not compile: the command line is beside the GUI, not over it (see CMakeLists.txt).
#include "atlas/gui/main_window.h"
