// ebs: an EBS volume attached to every instance of an ec2 pool — the day-one box's disk, a web
// server's root volume. Storage, not a hop: it bills per GB-month and, above gp3's included
// 3,000 IOPS and 125 MiB/s, per IOPS-month and MiB/s-month, for as long as each instance exists
// (sources.md §14).
#include <algorithm>

#include "components/kind.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("ebs", "An EBS volume on every instance of an ec2 pool (its root or data volume): storage, not a hop.",
                  {req("attach", K::Reference, "the ec2 component whose instances each carry one"),
                   one_of("volume", {"gp3"}, "gp3", "volume type (sources.md §14)"),
                   opt("size", K::Size, "8GB", "per volume, 1GiB-16TiB (8 GB: the usual Linux root volume)"),
                   opt("iops", K::Integer, "3000", "provisioned IOPS, 3000-16000 (3,000 included in the price)"),
                   opt("throughput", K::Number, "125", "provisioned MiB/s, 125-1000 (125 included in the price)")}));
}

void build(BuildContext&, const ComponentSpec&, std::uint16_t, Component&) {}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& ebs = std::get<EbsSpec>(cs.kind);
  const Model& m = b.model;
  const Component& pool = m.components[static_cast<std::size_t>(
      std::find_if(m.components.begin(), m.components.end(), [&](const Component& c) { return c.name == ebs.attach; }) -
      m.components.begin())];
  // A volume exists as long as its instance: billed per second like it (sources.md §14), so the
  // pool's billed instance-hours are the volume-hours, whatever Auto Scaling did.
  const double volume_months = pool.billed_area / static_cast<double>(kHour) / b.month_hours;
  const double per_month = ebs.size / 1e9 * b.rate("ebs", "gp3_storage") +
                           std::max(0, ebs.iops - 3000) * b.rate("ebs", "gp3_iops") +
                           std::max(0.0, ebs.throughput - 125) * b.rate("ebs", "gp3_throughput");
  out.add("ebs", m.components[id].name, volume_months * per_month);
}

}  // namespace

const ComponentKind& ebs_kind() {
  static const ComponentKind kind{"ebs", HopKind::Volume, params, build, nullptr, bill};
  return kind;
}

}  // namespace headroom
