#pragma once
/// The topology of a scenario as a graph (`headroom diagram`, and the drawing in `--report`):
/// its components, where each has instances (AZs as clusters), and the request paths between
/// them as labelled edges.
#include <string>

#include "headroom/scenario/spec.hpp"
#include "headroom/scenario/topology_graph.hpp"

namespace headroom {

/// The graph of a validated scenario.
TopologyGraph topology_graph(const ScenarioSpec& spec);
/// Graphviz DOT: one cluster per AZ; a component in several AZs has a node in each.
std::string to_dot(const TopologyGraph& graph);
/// A Mermaid flowchart (left to right), with the same clusters and edges as the DOT.
std::string to_mermaid(const TopologyGraph& graph);

}  // namespace headroom
