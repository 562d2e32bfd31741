// topology_graph(): the scenario's components, their placements in AZs, and the paths between
// them. Each kind draws its own box and dashed edges (sim/components/<kind>.cpp, following its
// build step's placements); the request paths are drawn here for every kind.
#include "headroom/report/graph.hpp"

#include <algorithm>

#include "components/kind.hpp"

namespace headroom {
namespace {

/// A component's box: its kind draws the detail and placements.
TopologyNode describe(const ComponentSpec& c) {
  TopologyNode n{c.name, c.type, "", {}};
  if (const ComponentKind& kind = component_registry().at(c.type); kind.draw) kind.draw(c, n);
  return n;
}

}  // namespace

TopologyGraph topology_graph(const ScenarioSpec& spec) {
  TopologyGraph g;
  g.title = spec.name.empty() ? spec.file : spec.name;
  g.nodes.push_back({"clients", "clients", "", {}});
  for (const auto& c : spec.components) {
    TopologyNode n = describe(c);
    for (const auto& p : n.placements)
      if (std::find(g.azs.begin(), g.azs.end(), p.az) == g.azs.end()) g.azs.push_back(p.az);
    g.nodes.push_back(std::move(n));
  }
  std::sort(g.azs.begin(), g.azs.end());
  for (const ClassSpec& cls : spec.traffic) {
    std::string prev = "clients";
    for (std::size_t i = 0; i < cls.path.size(); ++i) {
      const HopSpec& hop = cls.path[i];
      add_edge(g, prev, hop.component, hop.op.empty() ? cls.name : cls.name + " (" + hop.op + ")", false);
      // A store or table mid-path is a call its caller makes before going on: the next hop is
      // reached from the caller.
      const ComponentSpec* c = spec.find(hop.component);
      const HopKind kind = c ? component_registry().at(c->type).hop : HopKind::Pool;
      const bool call = (kind == HopKind::Store || kind == HopKind::Table) && i + 1 < cls.path.size();
      if (!call) prev = hop.component;
    }
    // A cache or CDN that ends the path sends its misses on to its origin.
    if (const ComponentSpec* last = cls.path.empty() ? nullptr : spec.find(cls.path.back().component)) {
      const std::string& origin = last->origin();
      if (!origin.empty()) add_edge(g, last->name, origin, cls.name + " misses", true);
    }
  }
  // The asynchronous pipeline and attachments, dashed, as each kind draws them: consumers
  // polling streams, what they write, deliveries, volumes.
  for (const auto& c : spec.components)
    if (const ComponentKind& kind = component_registry().at(c.type); kind.draw_edges) kind.draw_edges(c, g);
  return g;
}

}  // namespace headroom
