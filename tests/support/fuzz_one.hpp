#pragma once
/// The fuzz target's one entry point (issue 16): bytes as a scenario file through the loader
/// (YAML -> validate -> build the model), then a short run of the engine. libFuzzer calls it from
/// fuzz/fuzz_main.cpp; the corpus test (tests/fuzz/fuzz_corpus_test.cpp) feeds every seed and
/// every recorded crash through it in the normal build, so a finding stays a regression test.
#include <cstddef>
#include <cstdint>
#include <string>

namespace headroom::testing {

/// The events a fuzzed run may take: enough to reach steady state on a small topology, small
/// enough for thousands of inputs a second.
inline constexpr std::uint64_t kFuzzMaxEvents = 20'000;

/// What became of one input: refused with diagnostics (the loader's exit 2), or loaded and run.
enum class FuzzOutcome { Refused, Loaded, Ran };

/// Loads `size` bytes as a scenario labelled `label` (relative paths in it resolve from the
/// label's directory) and runs it for at most kFuzzMaxEvents events. InputError is the expected
/// answer to bad input; anything else thrown escapes (a finding), and so does a crash.
FuzzOutcome fuzz_one(const std::uint8_t* data, std::size_t size, const std::string& label);

}  // namespace headroom::testing
