#pragma once
/// The topology of a scenario as a graph (`headroom diagram`, and the drawing in `--report`):
/// its components, where each has instances (AZs as clusters), and the request paths between
/// them as labelled edges.
#include <string>
#include <vector>

#include "headroom/scenario/spec.hpp"

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
  bool miss = false;  ///< a cache's or CDN's misses going to its origin
};

struct TopologyGraph {
  std::string title;
  std::vector<std::string> azs;  ///< every AZ named, in first-use order
  std::vector<TopologyNode> nodes;  ///< the clients first, then components in scenario order
  std::vector<TopologyEdge> edges;
};

/// The graph of a validated scenario.
TopologyGraph topology_graph(const ScenarioSpec& spec);
/// Graphviz DOT: one cluster per AZ; a component in several AZs has a node in each.
std::string to_dot(const TopologyGraph& graph);
/// A Mermaid flowchart (left to right), with the same clusters and edges as the DOT.
std::string to_mermaid(const TopologyGraph& graph);

}  // namespace headroom
