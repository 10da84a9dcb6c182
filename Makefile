# Thin wrapper: every real step lives in CMake (CMakePresets.json) or packaging/install-deps.sh.
BUILD   ?= build
JOBS    ?= $(shell nproc)
APP      = $(BUILD)/app/kachin-atlas

.PHONY: all deps configure build run test clean asan tsan fuzz

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

# CI (.ci/run): the normal build and all its tests; the clang ASan+UBSan build running the core,
# render, command-line and window tests, the leak probe and each fuzz target for a short bounded
# time; the clang TSan build running the core and render tests. Any sanitizer report fails.
test: build asan tsan
	ctest --preset default -j $(JOBS)
	ctest --preset asan
	ctest --preset tsan

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

# ThreadSanitizer (build-tsan): only the core and render tests, whose threads are our own
# (std::thread, std::async); see the README's "Fuzzing and sanitizers" for why not the window's.
build-tsan/build.ninja: CMakePresets.json | deps
	cmake --preset tsan --fresh
	touch $@

tsan: deps build-tsan/build.ninja
	cmake --build --preset tsan -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS (build-fuzz: the fuzzers only), printing executions per target.
FUZZ_SECONDS ?= 60
build-fuzz/build.ninja: CMakePresets.json | deps
	cmake --preset fuzz --fresh
	touch $@

fuzz: deps build-fuzz/build.ninja
	cmake --build --preset fuzz -j $(JOBS)
	tests/fuzz/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-tsan build-fuzz

# The Debian package (CPack, see packaging/CMakeLists.txt): $(BUILD)/kachin-atlas_<version>-<revision>_<arch>.deb
.PHONY: package
package: build
	cmake --build $(BUILD) --target package
