# Thin wrapper: every real step lives in CMake (CMakePresets.json) or packaging/install-deps.sh.
BUILD   ?= build
JOBS    ?= $(shell nproc)
APP      = $(BUILD)/app/kachin-atlas

.PHONY: all deps configure build run test clean

all: build

deps:
	@packaging/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake --preset default

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(APP) $(ARGS)

test: build
	ctest --preset default -j $(JOBS)

clean:
	rm -rf $(BUILD) build-asan

# The Debian package (CPack, see packaging/CMakeLists.txt): $(BUILD)/kachin-atlas_<version>-<revision>_<arch>.deb
.PHONY: package
package: build
	cmake --build $(BUILD) --target package
