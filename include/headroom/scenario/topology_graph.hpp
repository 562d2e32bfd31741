#pragma once
/// The topology of a scenario as a graph, as plain data: its components, where each has instances
/// (AZs as clusters), and the request paths between them as labelled edges. Each component kind
/// draws its own box and pipeline edges (ComponentKind::draw, draw_edges); report/graph.cpp
/// assembles the graph and writes it as DOT or Mermaid.
#include <string>
#include <vector>

namespace headroom {

/// Where a component has instances: one AZ, and what stands there ("", "standby", "replica").
struct TopologyPlacement {
  std::string az;
  std::string role;
};

struct TopologyNode {
  std::string name;    ///< the component's name; "clients" for the users
  std::string type;    ///< ec2, elb, …; "clients"
  std::string detail;  ///< one line: instance type and count, hit ratio, …
  std::vector<TopologyPlacement> placements;  ///< empty: regional (CloudFront, S3, …) or the clients
};

/// Requests go from `from` to `to`: `label` lists the classes (with their operation), in order.
struct TopologyEdge {
  std::string from, to, label;
  bool miss = false;  ///< dashed: a cache's or CDN's misses, or the asynchronous pipeline
};

struct TopologyGraph {
  std::string title;
  std::vector<std::string> azs;  ///< every AZ named, in first-use order
  std::vector<TopologyNode> nodes;  ///< the clients first, then components in scenario order
  std::vector<TopologyEdge> edges;
};

/// Adds an edge, or appends `label` to the one already joining `from` to `to` the same way.
void add_edge(TopologyGraph& graph, const std::string& from, const std::string& to, const std::string& label,
              bool miss);
/// `azs`, or the default AZ "a" when none is given.
std::vector<std::string> azs_or_default(const std::vector<std::string>& azs);
/// `count` instances spread over `azs` in order: one placement per AZ used.
std::vector<TopologyPlacement> spread_placements(const std::vector<std::string>& azs, int count);

}  // namespace headroom
