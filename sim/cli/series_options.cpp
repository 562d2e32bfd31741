// Checks of the options that ask for a time series: --timeseries, --report and --interval.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "headroom/core/units.hpp"
#include "headroom/measure/timeseries.hpp"

namespace headroom {

namespace {
// A day at 10 s is 8,640 rows; a week at 1 s is 604,800. Beyond a million rows the series no
// longer fits a chart or a spreadsheet, and its memory (rows × pools) stops being small.
constexpr double kMaxRows = 1e6;
}  // namespace

Duration check_series_options(const ScenarioSpec& spec, const std::string& timeseries, const std::string& report,
                              const std::string& interval, bool interval_given, Diagnostics& problems) {
  const SourceLoc cli{"command line", 0, 0};
  for (const auto& [option, path] : {std::pair{"--timeseries", timeseries}, std::pair{"--report", report}})
    if (path == "-") problems.error(cli, option, "expected a file name (standard output is for --json -)");
  if (timeseries.empty() && report.empty()) {
    if (interval_given) problems.error(cli, "--interval", "applies to --timeseries or --report; give one of them");
    return 0;
  }
  const auto d = parse_duration(interval);
  if (!d.ok()) {
    problems.error(cli, "--interval", d.error());
    return 0;
  }
  if (d.value() <= 0) {
    problems.error(cli, "--interval", fmt::format("expected a positive duration, got '{}'", interval));
    return 0;
  }
  const double rows = series_rows(to_seconds(spec.duration), to_seconds(d.value()));
  if (rows > kMaxRows)
    problems.error(cli, "--interval",
                   fmt::format("{} gives {:.0f} rows over {}; at most {:.0f}: choose a longer interval", interval, rows,
                               format_duration(spec.duration), kMaxRows));
  return d.value();
}

}  // namespace headroom
