# Front door to the CMake build. Every target configures what it needs.
#   make          build the library, the tool and the tests (build/)
#   make test     every test: ASan+UBSan build, then the normal build
#                 (with the valgrind constant-time checks)
#   make demo     the main job, printing what it costs in bytes
#   make bench    Mote beside BearSSL, Mbed TLS, wolfSSL and OpenSSL
#   make size     Cortex-M4 code size per module
#   make fuzz     build and briefly run the libFuzzer harnesses
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE ?= cmake

.PHONY: all build test test-normal test-asan demo bench size fuzz clean

all: build

build:
	@sh scripts/deps.sh demo
	$(CMAKE) -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
	$(CMAKE) --build build -j$(JOBS)

test-asan:
	@sh scripts/deps.sh test
	$(CMAKE) -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMOTE_SANITIZE=ON >/dev/null
	$(CMAKE) --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(JOBS)

test-normal:
	@sh scripts/deps.sh test
	$(CMAKE) -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
	$(CMAKE) --build build -j$(JOBS)
	cd build && ctest --output-on-failure -j$(JOBS)

test: test-asan test-normal

demo: build
	./build/mote demo
	@sh bench/pool_ram.sh build

bench:
	@sh scripts/deps.sh bench
	$(CMAKE) -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DMOTE_BENCH=ON -DMOTE_TESTS=OFF >/dev/null
	$(CMAKE) --build build-bench -j$(JOBS)
	sh bench/run.sh build-bench

size:
	@sh scripts/deps.sh size
	sh scripts/size.sh

fuzz:
	@sh scripts/deps.sh fuzz
	CC=clang $(CMAKE) -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DMOTE_FUZZ=ON -DMOTE_TESTS=OFF >/dev/null
	$(CMAKE) --build build-fuzz -j$(JOBS)
	sh fuzz/run.sh build-fuzz

clean:
	rm -rf build build-asan build-bench build-fuzz build-m4 build-size
