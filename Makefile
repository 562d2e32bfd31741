# headroom: `make demo` and `make test` each install what is missing, build, then run.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo test bench asan clean

all: build

deps:
	@scripts/install-deps.sh $(if $(findstring HEADROOM_MPI=ON,$(CMAKE_FLAGS)),--mpi)

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/headroom journey

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/bench/bench_mm1

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer (CI runs this too), at -O1
# so that they run in minutes. The theory tests run a fifth of their usual length there: their
# tolerances come from the replications' own standard errors, so they stay exact, only wider.
asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	  -DHEADROOM_SANITIZE=ON -DHEADROOM_BENCH=OFF >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && HEADROOM_VALIDATION_SCALE=0.2 ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) build-asan
