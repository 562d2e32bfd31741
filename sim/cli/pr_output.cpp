#include "cli/pr_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "headroom/core/printable.hpp"
#include "headroom/core/units.hpp"
#include "headroom/report/markup.hpp"

namespace headroom {
namespace {

std::string delta(double before, double after) {
  if (before == 0) return after == 0 ? "0" : plain_number(after - before, 4, true);
  return fmt::format("{} ({:+.1f}%)", plain_number(after - before, 4, true), (after / before - 1) * 100);
}

/// Which way `after` moved from `before` for a figure whose better side is `better`: "better",
/// "worse", "changed" (a figure with no better side) or "" (it did not move).
std::string direction(const CheckRow& r) {
  if (r.actual == r.baseline) return "";
  if (r.better == Better::Neither) return "changed";
  return (r.actual < r.baseline) == (r.better == Better::Lower) ? "better" : "worse";
}

/// A table cell's text in GitHub Markdown: `|` would end the cell (even inside a code span, so
/// it is escaped there too), a line break the row, and a `<` that could open HTML (`<!--` hides
/// the rest of the comment, `<img` draws) becomes `&lt;`; `<= 0.001` stays as it is. Control
/// characters are shown, not passed on.
std::string md_cell(const std::string& s) {
  const std::string text = visible(s);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i], next = i + 1 < text.size() ? text[i + 1] : ' ';
    if (c == '|') out += "\\|";
    else if (c == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '!' || next == '/' || next == '?'))
      out += "&lt;";
    else out += c;
  }
  return out;
}

/// `s` as a code span in a table cell: fenced by one backtick more than the longest run inside
/// it (CommonMark), padded by spaces when it starts or ends with one.
std::string md_code(const std::string& s) {
  std::string text;
  std::size_t run = 0, longest = 0;
  for (char c : visible(s)) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    text += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

int failures_of(const std::vector<CheckRow>& rows) {
  int failures = 0;
  for (const auto& r : rows) failures += r.pass ? 0 : 1;
  return failures;
}

std::string heading(const std::string& title, int failures, std::size_t total) {
  return fmt::format("### {}: {}\n\n", md_cell(title),
                     failures ? fmt::format(":x: {} of {} failed", failures, total)
                              : fmt::format(":white_check_mark: all {} passed", total));
}

}  // namespace

std::string check_table(const std::vector<CheckRow>& rows) {
  std::string out = fmt::format("{:<4} {:<44} {:<28} {:<22} {:>14} {}\n", "", "scenario", "key", "expected", "actual", "delta");
  for (const auto& r : rows) {
    const std::string way = r.pass ? "" : direction(r);
    out += fmt::format("{:<4} {:<44} {:<28} {:<22} {:>14} {}{}{}\n", r.pass ? "ok" : "FAIL", r.scenario, r.key, r.expected,
                       plain_number(r.actual), delta(r.baseline, r.actual), way.empty() ? "" : "  " + way,
                       r.note.empty() ? "" : "  " + r.note);
  }
  return terminal_safe(out);  // names and paths are shown, never obeyed
}

std::string check_markdown(const std::vector<CheckRow>& rows, const std::string& update_command, const std::string& title) {
  int worse = 0, moved = 0;
  for (const auto& r : rows)
    if (!r.pass) ++(direction(r) == "worse" ? worse : moved);
  // Worse fails the pull request; better (a cost saving, more capacity) only makes the baseline stale.
  std::string verdict = ":white_check_mark: all " + std::to_string(rows.size()) + " passed";
  if (worse || moved) {
    std::vector<std::string> parts;
    if (worse) parts.push_back(fmt::format("{} worse", worse));
    if (moved) parts.push_back(fmt::format("{} better or changed", moved));
    verdict = fmt::format("{} {} of {} outside their expectation", worse ? ":x:" : ":warning:",
                          fmt::join(parts, ", "), rows.size());
  }
  std::string out = fmt::format("### {}: {}\n\n", md_cell(title), verdict);
  out += "| | scenario | figure | expected | before → after | delta |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    // A bound (min or max) has no earlier value: only where the figure stands now.
    const bool bound = r.expected.rfind("<=", 0) == 0 || r.expected.rfind(">=", 0) == 0;
    const std::string way = direction(r);
    const char* mark = r.pass ? ":white_check_mark:" : way == "worse" ? ":x:" : ":warning:";
    // Which way it moved, where it matters: on a row outside its expectation.
    const std::string change = bound ? "—" : delta(r.baseline, r.actual) + (r.pass || way.empty() ? "" : " " + way);
    out += fmt::format("| {} | {} | {} | {} | {} | {}{} |\n", mark, md_code(r.scenario), md_code(r.key), md_cell(r.expected),
                       bound ? plain_number(r.actual) : plain_number(r.baseline) + " → " + plain_number(r.actual),
                       r.pass || !bound ? change : way, r.note.empty() ? "" : " " + md_cell(r.note));
  }
  if (worse || moved)
    out += fmt::format("\n:x: worse fails the check; :warning: moved the better way (or has no better way), which only "
                       "makes the baseline stale. If the change is intended, run `{}` and commit the baselines file.\n",
                       md_cell(update_command));
  return out;
}

std::string compare_markdown(const std::vector<CompareRow>& rows, const std::string& title, const std::string& preamble) {
  std::vector<CheckRow> checks;
  for (const auto& r : rows) checks.push_back(r.check);
  std::string out = heading(title, failures_of(checks), rows.size()) + preamble + "\n\n";
  out += "| | figure | A | B | Δ (95% CI) | verdict |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n",
                       !r.judged ? "" : r.check.pass ? ":white_check_mark:" : ":x:", md_cell(r.check.key), md_cell(r.a),
                       md_cell(r.b), md_cell(r.delta), r.verdict == "worse" ? "**worse**" : md_cell(r.verdict));
  return out;
}

std::string cost_changes_markdown(const Comparison& c) {
  // The figures are the simulated period's USD; a month is that times the report's own projection.
  auto mean = [](const Replications& r, const std::string& key) {
    const auto it = r.intervals.find(key);
    return it == r.intervals.end() ? 0.0 : it->second.mean;
  };
  auto per_month = [&](const Replications& r) {
    const double period = mean(r, "cost.period_usd");
    return period > 0 ? mean(r, "cost.monthly_usd") / period : 0.0;
  };
  const double scale_a = per_month(c.a), scale_b = per_month(c.b);
  std::string rows;
  for (const char* group : {"cost.by_service.", "cost.by_component."}) {
    std::set<std::string> keys;
    for (const auto* r : {&c.a, &c.b})
      for (const auto& [key, ci] : r->intervals)
        if (key.rfind(group, 0) == 0) keys.insert(key);
    for (const auto& key : keys) {
      const double a = mean(c.a, key) * scale_a, b = mean(c.b, key) * scale_b;
      if (std::fabs(b - a) < 0.005) continue;
      rows += fmt::format("| {} | {} | {} | {} | {} |\n", std::string(group).substr(8, std::string(group).size() - 9),
                          md_code(key.substr(std::string(group).size())), plain_number(a, 6), plain_number(b, 6),
                          delta(a, b) + (b < a ? " better" : " worse"));
    }
  }
  if (rows.empty()) return "";
  return "\n#### Cost per month (USD), the lines that changed\n\n| by | line | A | B | Δ |\n|---|---|---|---|---|\n" + rows;
}

std::string not_run_markdown(const std::vector<CheckRow>& not_run, const std::string& signal) {
  std::string out = fmt::format("\n**Partial: interrupted by {}.** {} expectations not run:\n\n", signal, not_run.size());
  for (const auto& r : not_run) out += fmt::format("- {} {}\n", md_code(r.scenario), md_code(r.key));
  return out;
}

std::string check_junit(const std::string& suite, const std::vector<CheckRow>& rows, double seconds,
                        const std::vector<CheckRow>& not_run) {
  const int failures = failures_of(rows);
  const std::size_t tests = rows.size() + not_run.size();
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // skipped="K" only when a signal left some expectations not run (the usual file is unchanged).
  const std::string skipped = not_run.empty() ? "" : fmt::format(" skipped=\"{}\"", not_run.size());
  out += fmt::format("<testsuites name=\"headroom\" tests=\"{}\" failures=\"{}\" errors=\"0\"{} time=\"{:.3f}\">\n",
                     tests, failures, skipped, seconds);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\"{} time=\"{:.3f}\">\n",
                     escape_markup(suite), tests, failures, skipped, seconds);
  for (const auto& r : not_run)
    out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                       escape_markup(r.key), escape_markup(r.scenario), escape_markup(r.note));
  for (const auto& r : rows) {
    out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", escape_markup(r.key), escape_markup(r.scenario));
    if (r.pass) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <failure message=\"{}\">expected {}, got {} ({})</failure>\n    </testcase>\n",
                       escape_markup(fmt::format("{}: expected {}, got {}", r.key, r.expected, plain_number(r.actual))),
                       escape_markup(r.expected), plain_number(r.actual), escape_markup(delta(r.baseline, r.actual)));
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace headroom
