#include "cli/pr_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "headroom/report/markup.hpp"

namespace headroom {
namespace {

std::string delta(double before, double after) {
  if (before == 0) return after == 0 ? "0" : fmt::format("{:+.4g}", after - before);
  return fmt::format("{:+.4g} ({:+.1f}%)", after - before, (after / before - 1) * 100);
}

int failures_of(const std::vector<CheckRow>& rows) {
  int failures = 0;
  for (const auto& r : rows) failures += r.pass ? 0 : 1;
  return failures;
}

std::string heading(const std::string& title, int failures, std::size_t total) {
  return fmt::format("### {}: {}\n\n", title,
                     failures ? fmt::format(":x: {} of {} failed", failures, total)
                              : fmt::format(":white_check_mark: all {} passed", total));
}

}  // namespace

std::string check_table(const std::vector<CheckRow>& rows) {
  std::string out = fmt::format("{:<4} {:<44} {:<28} {:<22} {:>14} {}\n", "", "scenario", "key", "expected", "actual", "delta");
  for (const auto& r : rows)
    out += fmt::format("{:<4} {:<44} {:<28} {:<22} {:>14.6g} {}{}\n", r.pass ? "ok" : "FAIL", r.scenario, r.key,
                       r.expected, r.actual, delta(r.baseline, r.actual), r.note.empty() ? "" : "  " + r.note);
  return out;
}

std::string check_markdown(const std::vector<CheckRow>& rows, const std::string& title) {
  std::string out = heading(title, failures_of(rows), rows.size());
  out += "| | scenario | figure | expected | before → after | delta |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    // A bound (min or max) has no earlier value: only where the figure stands now.
    const bool bound = r.expected.rfind("<=", 0) == 0 || r.expected.rfind(">=", 0) == 0;
    out += fmt::format("| {} | `{}` | `{}` | {} | {} | {}{} |\n", r.pass ? ":white_check_mark:" : ":x:", r.scenario,
                       r.key, r.expected,
                       bound ? fmt::format("{:.6g}", r.actual) : fmt::format("{:.6g} → {:.6g}", r.baseline, r.actual),
                       bound ? "—" : delta(r.baseline, r.actual), r.note.empty() ? "" : " " + r.note);
  }
  return out;
}

std::string compare_markdown(const std::vector<CompareRow>& rows, const std::string& title, const std::string& preamble) {
  std::vector<CheckRow> checks;
  for (const auto& r : rows) checks.push_back(r.check);
  std::string out = heading(title, failures_of(checks), rows.size()) + preamble + "\n\n";
  out += "| | figure | A | B | Δ (95% CI) | verdict |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n",
                       !r.judged ? "" : r.check.pass ? ":white_check_mark:" : ":x:", r.check.key, r.a, r.b, r.delta,
                       r.verdict == "worse" ? "**worse**" : r.verdict);
  return out;
}

std::string check_junit(const std::string& suite, const std::vector<CheckRow>& rows, double seconds) {
  const int failures = failures_of(rows);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"headroom\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3f}\">\n",
                     rows.size(), failures, seconds);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3f}\">\n",
                     escape_markup(suite), rows.size(), failures, seconds);
  for (const auto& r : rows) {
    out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", escape_markup(r.key), escape_markup(r.scenario));
    if (r.pass) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <failure message=\"{}\">expected {}, got {:.6g} ({})</failure>\n    </testcase>\n",
                       escape_markup(fmt::format("{}: expected {}, got {:.6g}", r.key, r.expected, r.actual)),
                       escape_markup(r.expected), r.actual, escape_markup(delta(r.baseline, r.actual)));
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace headroom
