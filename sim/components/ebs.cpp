// ebs: an EBS volume attached to every instance of an ec2 pool — the day-one box's disk, a web
// server's root volume. Storage, not a hop: it bills per GB-month and, above gp3's included
// 3,000 IOPS and 125 MiB/s, per IOPS-month and MiB/s-month, for as long as each instance exists
// (sources.md §14).
#include <fmt/format.h>

#include <algorithm>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace ebs_detail {

void read_ebs(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.ebs");
  EbsSpec e;
  if (auto v = r.name(m.get("attach"))) e.attach = *v;
  if (auto v = r.choice(m.get("volume"), *s.find("volume"))) e.volume = *v;
  // gp3 limits (sources.md §14): 1 GiB to 16 TiB, 3,000 to 16,000 IOPS, 125 to 1,000 MiB/s.
  if (auto v = r.size(m.get("size"))) {
    if (*v < kGiB || *v > 16.0 * kTiB)
      r.error(m.get("size"), fmt::format("a gp3 volume holds 1GiB to 16TiB, found {:g}GB", *v / 1e9));
    else
      e.size = *v;
  }
  if (auto v = r.integer(m.get("iops"), 3000, 16000)) e.iops = static_cast<int>(*v);
  if (auto v = r.number(m.get("throughput"))) {
    if (*v < 125 || *v > 1000)
      r.error(m.get("throughput"), fmt::format("a gp3 volume takes 125 to 1000 MiB/s, found {:g}", *v));
    else
      e.throughput = *v;
  }
  c.kind = e;
}

}  // namespace ebs_detail
}  // namespace headroom::yaml

namespace headroom {
namespace ebs_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const std::string& attach = std::get<EbsSpec>(c.kind).attach;
  const ComponentSpec* pool = spec.find(attach);
  const std::string where = "components." + c.name + ".attach";
  if (pool == nullptr)
    out.error(c.loc_of("attach"), where, unknown_component(spec, attach));
  else if (pool->type != "ec2")
    out.error(c.loc_of("attach"), where,
              "an ebs volume attaches to the instances of an ec2 component; '" + attach + "' is " +
                  type_article(pool->type) +
                  (pool->type == "rds" ? " (an rds bills its own storage: set its `storage`)" : ""));
}

void params(ParamRegistry& r) {
  r.add(with_rules(component("ebs", yaml::ebs_detail::read_ebs, "An EBS volume on every instance of an ec2 pool (its root or data volume): storage, not a hop.",
                  {req("attach", K::Reference, "the ec2 component whose instances each carry one"),
                   one_of("volume", {"gp3"}, "gp3", "volume type (sources.md §14)"),
                   opt("size", K::Size, "8GB", "per volume, 1GiB-16TiB (8 GB: the usual Linux root volume)"),
                   opt("iops", K::Integer, "3000", "provisioned IOPS, 3000-16000 (3,000 included in the price)"),
                   opt("throughput", K::Number, "125", "provisioned MiB/s, 125-1000 (125 included in the price)")}), HopRules{.in_paths = false, .noun = "an ebs volume", .no_instance_faults = "a volume fails with its instance: kill the ec2 component it is attached to"}, validate));
}

void build(BuildContext&, const ComponentSpec&, std::uint16_t, Component&) {}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& ebs = std::get<EbsSpec>(cs.kind);
  const Model& m = b.model;
  const ComponentState& pool = m.states[static_cast<std::size_t>(
      std::find_if(m.components.begin(), m.components.end(), [&](const Component& c) { return c.name == ebs.attach; }) -
      m.components.begin())];
  // A volume exists as long as its instance: billed per second like it (sources.md §14), so the
  // pool's billed instance-hours are the volume-hours, whatever Auto Scaling did.
  const double volume_months = pool.tally.billed_area / static_cast<double>(kHour) / b.month_hours;
  const double per_month = ebs.size / 1e9 * b.rate("ebs", "gp3_storage") +
                           std::max(0, ebs.iops - 3000) * b.rate("ebs", "gp3_iops") +
                           std::max(0.0, ebs.throughput - 125) * b.rate("ebs", "gp3_throughput");
  out.add("ebs", m.components[id].name, volume_months * per_month);
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& ebs = std::get<EbsSpec>(cs.kind);
  n.detail = fmt::format("{} {:g} GB per instance", ebs.volume, ebs.size / 1e9);
}

void draw_edges(const ComponentSpec& cs, TopologyGraph& g) {
  add_edge(g, std::get<EbsSpec>(cs.kind).attach, cs.name, "volume", true);
}

}  // namespace ebs_detail

const ComponentKind& ebs_kind() {
  using namespace ebs_detail;
  static const ComponentKind kind{.type = "ebs",
                                  .hop = HopKind::Attached,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw,
                                  .draw_edges = draw_edges};
  return kind;
}

}  // namespace headroom
