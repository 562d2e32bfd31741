#include "headroom/core/diagnostics.hpp"

#include <doctest/doctest.h>

#include "headroom/core/assert.hpp"

using namespace headroom;

TEST_CASE("diagnostics: a diagnostic renders as file:line:col: error: path: message") {
  CHECK(Diagnostic{{"a.yaml", 14, 11}, "components.web.cpu", "bad"}.str() ==
        "a.yaml:14:11: error: components.web.cpu: bad");
  CHECK(Diagnostic{{"a.yaml", 0, 0}, "", "cannot open file"}.str() ==
        "a.yaml: error: cannot open file");
  CHECK(Diagnostic{{"--set", 0, 0}, "components.web.count", "bad"}.str() ==
        "--set: error: components.web.count: bad");
  CHECK(Diagnostic{{"a.yaml", 3, 1}, "", "bad"}.str() == "a.yaml:3:1: error: bad");
  CHECK(Diagnostic{{"", 0, 0}, "", "bad"}.str() == "error: bad");
}

TEST_CASE("diagnostics: problems are listed by file, line and column, ties in found order") {
  Diagnostics d;
  d.error({"b.yaml", 1, 1}, "", "b1");
  d.error({"a.yaml", 9, 2}, "", "a9-second");
  d.error({"a.yaml", 10, 1}, "", "a10");
  d.error({"a.yaml", 9, 2}, "", "a9-third");
  d.error({"a.yaml", 2, 5}, "", "a2");
  d.error({"a.yaml", 9, 1}, "", "a9-first");
  CHECK(d.str() ==
        "a.yaml:2:5: error: a2\n"
        "a.yaml:9:1: error: a9-first\n"
        "a.yaml:9:2: error: a9-second\n"
        "a.yaml:9:2: error: a9-third\n"
        "a.yaml:10:1: error: a10\n"
        "b.yaml:1:1: error: b1");
}

TEST_CASE("diagnostics: throw_if_any throws every problem, sorted, and nothing when empty") {
  Diagnostics d;
  CHECK_NOTHROW(d.throw_if_any());
  d.error({"x.yaml", 5, 1}, "p", "second");
  d.error({"x.yaml", 1, 1}, "q", "first");
  try {
    d.throw_if_any();
    FAIL("no exception");
  } catch (const InputError& e) {
    REQUIRE(e.items().size() == 2);
    CHECK(e.items()[0].message == "first");
    CHECK(std::string(e.what()) == "x.yaml:1:1: error: q: first\nx.yaml:5:1: error: p: second");
  }
}

TEST_CASE("diagnostics: an InputError from a single message carries it as its one item") {
  const InputError e("no scenario given");
  CHECK(std::string(e.what()) == "no scenario given");
  REQUIRE(e.items().size() == 1);
  CHECK(e.items()[0].str() == "error: no scenario given");
}

TEST_CASE("diagnostics: did you mean finds typos, transpositions and case slips") {
  const std::vector<std::string> keys = {"instance", "count", "azs", "cpu", "workers", "queue"};
  CHECK(did_you_mean("cpuu", keys) == "cpu");
  CHECK(did_you_mean("cup", keys) == "cpu");
  CHECK(did_you_mean("CPU", keys) == "cpu");
  CHECK(did_you_mean("instnace", keys) == "instance");
  CHECK(did_you_mean("wokrers", keys) == "workers");
  CHECK(did_you_mean("cont", keys) == "count");
  CHECK(did_you_mean("memory", keys) == "");
  CHECK(did_you_mean("zz", {"db"}) == "");
  CHECK(did_you_mean("x", {}) == "");
}

TEST_CASE("diagnostics: did you mean allows more edits for longer words") {
  CHECK(did_you_mean("cmponnts", {"components"}) == "components");
  CHECK(did_you_mean("abcdefghijkl", {"abcdefghWXYZ"}) == "abcdefghWXYZ");
  CHECK(did_you_mean("abcdefghijkl", {"abcdefgVWXYZ"}) == "");
  CHECK(did_you_mean("ab", {"xy"}) == "");
  CHECK(did_you_mean("abc", {"xyc"}) == "xyc");
}

TEST_CASE("diagnostics: did you mean breaks ties by the order of the candidates") {
  CHECK(did_you_mean("cat", {"bat", "hat"}) == "bat");
  CHECK(did_you_mean("cat", {"hat", "bat"}) == "hat");
  CHECK(did_you_mean("cat", {"hat", "cat"}) == "cat");
}

TEST_CASE("diagnostics: the suggestion suffix is ready to append, or empty") {
  CHECK(suggestion_suffix("p98", {"p90", "p99"}) == ", did you mean 'p90'?");
  CHECK(suggestion_suffix("latency", {"p90", "p99"}) == "");
}

TEST_CASE("assert: a failed internal invariant throws InternalError with file and line") {
  try {
    HEADROOM_ASSERT(1 + 1 == 3, "arithmetic");
    FAIL("no exception");
  } catch (const InternalError& e) {
    const std::string what = e.what();
    CHECK(what.rfind("internal error at ", 0) == 0);
    CHECK(what.find("diagnostics_test.cpp:") != std::string::npos);
    CHECK(what.find(": 1 + 1 == 3: arithmetic") != std::string::npos);
  }
}
