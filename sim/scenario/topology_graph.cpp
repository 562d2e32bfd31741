// The graph's shared pieces: merging edges, and the placements that follow the build steps
// (instances spread over `azs` in order, default "a").
#include "headroom/scenario/topology_graph.hpp"

#include <algorithm>

namespace headroom {

void add_edge(TopologyGraph& g, const std::string& from, const std::string& to, const std::string& label, bool miss) {
  for (auto& e : g.edges)
    if (e.from == from && e.to == to && e.miss == miss) {
      if ((", " + e.label + ", ").find(", " + label + ", ") == std::string::npos) e.label += ", " + label;
      return;
    }
  g.edges.push_back({from, to, label, miss});
}

std::vector<std::string> azs_or_default(const std::vector<std::string>& azs) {
  return azs.empty() ? std::vector<std::string>{"a"} : azs;
}

std::vector<TopologyPlacement> spread_placements(const std::vector<std::string>& azs, int count) {
  std::vector<TopologyPlacement> out;
  const auto list = azs_or_default(azs);
  for (int i = 0; i < std::max(1, std::min<int>(count, static_cast<int>(list.size()))); ++i)
    out.push_back({list[static_cast<std::size_t>(i) % list.size()], ""});
  return out;
}

}  // namespace headroom
