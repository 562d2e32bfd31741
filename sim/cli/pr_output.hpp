#pragma once
// Check and compare results as a terminal table, a pull-request comment (Markdown) and JUnit XML.
#include <string>
#include <vector>

#include "headroom/measure/figure_keys.hpp"
#include "headroom/study/compare.hpp"

namespace headroom {

/// One expectation of `check`, or one figure of `compare` (baseline = A, actual = B).
struct CheckRow {
  std::string scenario, key, expected;
  double baseline = 0, actual = 0;
  bool pass = true;
  std::string note;  ///< compare: the paired difference's confidence interval
  Better better = Better::Neither;  ///< which way the figure should move (a cost saving is not a regression)
};

std::string check_table(const std::vector<CheckRow>& rows);
/// A pull-request comment: each figure before → after, with the delta, which way it moved (better
/// or worse) and a mark: passed, failed for the worse, or moved for the better (the baseline is
/// stale, not the code). When anything moved, how to accept it: `update_command`.
std::string check_markdown(const std::vector<CheckRow>& rows, const std::string& update_command,
                           const std::string& title = "headroom check");
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
/// The cost breakdown's lines that changed between A and B, per month (by service, then by
/// component), as a Markdown table; "" when none moved by a cent.
std::string cost_changes_markdown(const Comparison& c);
/// The Markdown note of a check a signal cut short: partial, and each expectation not run.
std::string not_run_markdown(const std::vector<CheckRow>& not_run, const std::string& signal);
/// JUnit XML: one testsuite, one testcase per row, a <failure> for each failed one; `not_run`
/// (a signal stopped their simulations) as <skipped> test cases that say so.
std::string check_junit(const std::string& suite, const std::vector<CheckRow>& rows, double seconds,
                        const std::vector<CheckRow>& not_run = {});

}  // namespace headroom
