#pragma once
// Check and compare results as a terminal table, a pull-request comment (Markdown) and JUnit XML.
#include <string>
#include <vector>

namespace headroom {

/// One expectation of `check`, or one figure of `compare` (baseline = A, actual = B).
struct CheckRow {
  std::string scenario, key, expected;
  double baseline = 0, actual = 0;
  bool pass = true;
  std::string note;  ///< compare: the paired difference's confidence interval
};

std::string check_table(const std::vector<CheckRow>& rows);
/// A pull-request comment: each figure before → after, with the delta and a pass/fail mark.
std::string check_markdown(const std::vector<CheckRow>& rows, const std::string& title = "headroom check");
/// One figure of `compare` in a pull-request comment: `check` is what JUnit gets (key = the
/// figure, baseline = A's mean, actual = B's, pass = not significantly worse where judged).
struct CompareRow {
  CheckRow check;
  std::string a, b;    ///< "mean ± half-width"
  std::string delta;   ///< "Δ [low, high]"
  std::string verdict; ///< "better", "worse", "no significant difference"
  bool judged = false; ///< whether a worse verdict fails (a mark in the first column)
};
/// A pull-request comment for `compare`: figure | A | B | Δ (95% CI) | verdict.
std::string compare_markdown(const std::vector<CompareRow>& rows, const std::string& title, const std::string& preamble);
/// JUnit XML: one testsuite, one testcase per row, a <failure> for each failed one.
std::string check_junit(const std::string& suite, const std::vector<CheckRow>& rows, double seconds);

}  // namespace headroom
