// topology_graph(): the scenario's components, their placements in AZs, and the paths between
// them. The placements follow the build steps (sim/components/<kind>.cpp): instances spread over `azs`
// in order (default "a"); an RDS Multi-AZ standby in the second AZ given, else in another.
#include "headroom/report/graph.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace headroom {
namespace {

std::vector<std::string> or_default(const std::vector<std::string>& azs) {
  return azs.empty() ? std::vector<std::string>{"a"} : azs;
}

std::vector<TopologyPlacement> spread(const std::vector<std::string>& azs, int count) {
  std::vector<TopologyPlacement> out;
  const auto list = or_default(azs);
  for (int i = 0; i < std::max(1, std::min<int>(count, static_cast<int>(list.size()))); ++i)
    out.push_back({list[static_cast<std::size_t>(i) % list.size()], ""});
  return out;
}

TopologyNode describe(const ComponentSpec& c) {
  TopologyNode n{c.name, c.type, "", {}};
  if (const auto* ec2 = std::get_if<Ec2Spec>(&c.kind)) {
    n.detail = ec2->scaling ? fmt::format("{} x {}-{} (Auto Scaling)", ec2->instance, ec2->scaling->min, ec2->scaling->max)
                            : fmt::format("{} x {}", ec2->instance, ec2->count);
    if (ec2->purchase.spot > 0) n.detail += fmt::format(", {:g}% Spot", ec2->purchase.spot * 100);
    n.placements = spread(ec2->azs, ec2->scaling ? ec2->scaling->max : ec2->count);
    if (n.placements.size() > 1) n.detail += fmt::format(" over {} AZs", n.placements.size());
  } else if (const auto* elb = std::get_if<ElbSpec>(&c.kind)) {
    n.detail = "ALB, " + elb->algorithm;
    n.placements = spread(elb->azs, static_cast<int>(or_default(elb->azs).size()));
  } else if (const auto* rds = std::get_if<RdsSpec>(&c.kind)) {
    n.detail = fmt::format("{} {}", rds->engine, rds->instance);
    if (rds->multi_az) n.detail += ", Multi-AZ";
    if (rds->read_replicas > 0) n.detail += fmt::format(", {} read replica{}", rds->read_replicas, rds->read_replicas > 1 ? "s" : "");
    if (!rds->host.empty()) n.detail += ", on " + rds->host;
    const auto list = or_default(rds->azs);
    n.placements.push_back({list[0], ""});
    for (int i = 1; i <= rds->read_replicas; ++i) {
      const std::string& az = list[static_cast<std::size_t>(i) % list.size()];
      if (std::none_of(n.placements.begin(), n.placements.end(), [&](const auto& p) { return p.az == az && p.role == "replica"; }))
        n.placements.push_back({az, "replica"});
    }
    if (rds->multi_az) n.placements.push_back({list.size() > 1 ? list[1] : (list[0] == "b" ? "a" : "b"), "standby"});
  } else if (const auto* cache = std::get_if<CacheSpec>(&c.kind)) {
    n.detail = fmt::format("{} {} x {}", cache->engine, cache->node, cache->nodes);
    if (cache->hit_ratio >= 0) n.detail += fmt::format(", hit {:g}%", cache->hit_ratio * 100);
    if (!cache->host.empty()) n.detail += ", on " + cache->host;
    n.placements = spread(cache->azs, cache->nodes);
    if (n.placements.size() > 1) n.detail += fmt::format(" over {} AZs", n.placements.size());
  } else if (const auto* cf = std::get_if<CloudFrontSpec>(&c.kind)) {
    n.detail = fmt::format("edge, hit {:g}%", cf->hit_ratio * 100);
  } else if (const auto* ddb = std::get_if<DynamoSpec>(&c.kind)) {
    n.detail = ddb->mode == "provisioned" ? fmt::format("provisioned {:g} RCU / {:g} WCU", ddb->rcu, ddb->wcu) : "on-demand";
  } else if (std::holds_alternative<S3Spec>(c.kind)) {
    n.detail = "bucket";
  } else if (std::holds_alternative<Route53Spec>(c.kind)) {
    n.detail = "DNS";
  } else if (const auto* ebs = std::get_if<EbsSpec>(&c.kind)) {
    n.detail = fmt::format("{} {:g} GB per instance", ebs->volume, ebs->size / 1e9);
  }
  return n;
}

void add_edge(TopologyGraph& g, const std::string& from, const std::string& to, const std::string& label, bool miss) {
  for (auto& e : g.edges)
    if (e.from == from && e.to == to && e.miss == miss) {
      if ((", " + e.label + ", ").find(", " + label + ", ") == std::string::npos) e.label += ", " + label;
      return;
    }
  g.edges.push_back({from, to, label, miss});
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
      // S3 or DynamoDB mid-path is a call its caller makes before going on: the next hop is
      // reached from the caller.
      const ComponentSpec* c = spec.find(hop.component);
      const bool call = c && (c->type == "s3" || c->type == "dynamodb") && i + 1 < cls.path.size();
      if (!call) prev = hop.component;
    }
    // A cache or CDN that ends the path sends its misses on to its origin.
    if (const ComponentSpec* last = cls.path.empty() ? nullptr : spec.find(cls.path.back().component)) {
      const std::string& origin = last->origin();
      if (!origin.empty()) add_edge(g, last->name, origin, cls.name + " misses", true);
    }
  }
  // The asynchronous pipeline, dashed: consumers polling streams, what they write, and Firehose's
  // deliveries.
  for (const auto& c : spec.components) {
    if (const ConsumerSpec* k = c.consumer())
      add_edge(g, c.name, k->function, std::holds_alternative<DynamoSpec>(c.kind) ? "stream" : "polled", true);
    if (const auto* l = std::get_if<LambdaSpec>(&c.kind))
      for (const HopSpec& h : l->output) add_edge(g, c.name, h.component, "records (" + h.op + ")", true);
    if (const auto* f = std::get_if<FirehoseSpec>(&c.kind)) add_edge(g, c.name, f->destination, "delivers", true);
    if (const auto* ebs = std::get_if<EbsSpec>(&c.kind)) add_edge(g, ebs->attach, c.name, "volume", true);
  }
  return g;
}

}  // namespace headroom
