# Thin wrapper: every real step lives in CMake (CMakePresets.json) or packaging/install-deps.sh.
BUILD   ?= build
JOBS    ?= $(shell nproc)
APP      = $(BUILD)/app/kachin-atlas

.PHONY: all deps configure build run test clean asan fuzz

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

# CI (.ci/run): the normal build and all its tests, then the clang ASan+UBSan build running the
# core and command-line tests and each fuzz target for a short bounded time (any crash fails).
test: build asan
	ctest --preset default -j $(JOBS)
	ctest --preset asan

# One clang ASan+UBSan build (build-asan) serves the sanitizer tests and the CI fuzz runs. Only
# what those run is built (see the asan build preset); add a new core or cli test executable there.
# Re-configured when the presets change: a build-asan made before it moved to clang (gcc, no
# fuzzers) would otherwise keep its cached compiler and run without the fuzz tests; --fresh drops
# that cache, which CMake would otherwise refuse with "ATLAS_FUZZ needs clang".
build-asan/build.ninja: CMakePresets.json | deps
	cmake --preset asan --fresh
	touch $@

asan: deps build-asan/build.ninja
	cmake --build --preset asan -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS (build-fuzz: the fuzzers only), printing executions per target.
FUZZ_SECONDS ?= 60
build-fuzz/build.ninja: CMakePresets.json | deps
	cmake --preset fuzz --fresh
	touch $@

fuzz: deps build-fuzz/build.ninja
	cmake --build --preset fuzz -j $(JOBS)
	tests/fuzz/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz

# The Debian package (CPack, see packaging/CMakeLists.txt): $(BUILD)/kachin-atlas_<version>-<revision>_<arch>.deb
.PHONY: package
package: build
	cmake --build $(BUILD) --target package
