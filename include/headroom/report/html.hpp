#pragma once
/// The `--report` page: one self-contained HTML file (no network needed to view it) with the
/// run's latency percentiles, throughput and errors over time, fleet size and Spot share,
/// per-component utilisation, a cost breakdown, a timeline band for every fault and the topology.
#include <string>

#include "headroom/measure/report.hpp"
#include "headroom/report/graph.hpp"

namespace headroom {

/// The page for `report` (whose timeseries should be sampled) and the scenario's `topology`.
/// The charting library (uPlot) and the page's script and style are embedded; the data is one
/// JSON document inside it (the `--json` report, the series and the graph).
std::string to_html(const Report& report, const TopologyGraph& topology);

}  // namespace headroom
