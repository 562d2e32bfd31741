// libFuzzer's entry (make fuzz; .ci/run runs it for a minute): the target's body is
// tests/support/fuzz_one.cpp, the one the corpus test runs in the normal build.
#include <cstddef>
#include <cstdint>

#include "support/fuzz_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)headroom::testing::fuzz_one(data, size, HEADROOM_SOURCE_DIR "/scenarios/journey/fuzz-input.yaml");
  return 0;
}
