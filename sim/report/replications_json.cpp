// The JSON document of `run --replications`: spec.md §5's shape with means as values, so that
// consumers of a single run's report read it unchanged, plus each figure's interval.
#include <nlohmann/json.hpp>

#include "headroom/measure/figures.hpp"
#include "headroom/study/replications.hpp"
#include "report/interval_format.hpp"
#include "report/report_json.hpp"

namespace headroom {

std::string replications_json(const Replications& r) {
  using nlohmann::ordered_json;
  const Report& first = r.reports.front();
  ordered_json j = report_document(first, [&](const std::string& key) -> std::optional<double> {
    const auto it = r.intervals.find(key);
    if (it == r.intervals.end()) return std::nullopt;
    return it->second.mean;
  });
  ordered_json intervals = ordered_json::object();
  for_each_figure(first, [&](const Figure& f) {
    const auto it = r.intervals.find(f.path);
    if (it != r.intervals.end()) intervals[f.path] = interval_json(it->second);
  });
  j["partial"] = r.partial;
  if (r.partial) j["stop_reason"] = r.stop_reason;
  else j.erase("stop_reason");
  // The verdict on the means: each clause's value is already the mean (it is a number above).
  j["slo"]["met"] = r.slo_met;
  for (std::size_t i = 0; i < r.slo_checks.size(); ++i) j["slo"]["checks"][i]["met"] = r.slo_checks[i].met;
  j["replications"] = {{"n", r.reports.size()},
                       {"seeds", r.seeds},
                       {"confidence", 0.95},
                       {"method", "Student t: mean ± t(0.975, n-1) · sd / sqrt(n), over independent seeds"},
                       {"intervals", intervals}};
  return j.dump(2) + "\n";
}

}  // namespace headroom
