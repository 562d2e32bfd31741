// An rds database's storage (rds_storage.hpp, docs/storage.md): RDS's gp3 and io1 volumes, their
// ranges (sources.md §2b), the queries' I/O and the price of each copy.
#include "components/rds_storage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"

namespace headroom {
namespace {

// RDS gp3 (sources.md §2b): below 400 GiB the volume has 3,000 IOPS and 125 MiB/s, no more and no
// less; from 400 GiB 12,000 and 500 are included and up to 64,000 and 4,000 may be provisioned.
constexpr double kGp3StripeGiB = 400;
constexpr int kGp3SmallIops = 3000, kGp3LargeIops = 12000, kGp3MaxIops = 64000;
constexpr double kGp3SmallMib = 125, kGp3LargeMib = 500, kGp3MaxMib = 4000;
// RDS io1 (sources.md §2b): 1,000 to 256,000 provisioned IOPS, 1 to 50 IOPS per GiB, from 100 GiB;
// its throughput follows the IOPS (256 KiB per I/O at most) up to 4,000 MiB/s (E).
constexpr int kIo1MinIops = 1000, kIo1MaxIops = 256000;
constexpr double kIo1MinRatio = 1, kIo1MaxRatio = 50, kIo1MinGiB = 100;
constexpr double kIo1MaxMib = 4000, kIo1MibPerIops = 0.25;
// Device latency once per query's I/Os (sources.md §2b, estimates E): gp3 "single-digit
// milliseconds" — its low end, 1 ms; io1 a half of that.
constexpr Duration kGp3Latency = kMillisecond, kIo1Latency = kMillisecond / 2;

bool large_gp3(const RdsSpec& rds) { return rds.storage / kGiB >= kGp3StripeGiB; }
double included_iops(const RdsSpec& rds) { return large_gp3(rds) ? kGp3LargeIops : kGp3SmallIops; }
double included_mib(const RdsSpec& rds) { return large_gp3(rds) ? kGp3LargeMib : kGp3SmallMib; }

}  // namespace

double rds_iops(const RdsSpec& rds) {
  if (rds.storage_type == "io1") return rds.iops;
  return rds.iops > 0 ? rds.iops : included_iops(rds);
}

double rds_throughput_mib(const RdsSpec& rds) {
  if (rds.storage_type == "io1") return std::min(kIo1MaxMib, rds.iops * kIo1MibPerIops);
  return rds.storage_throughput > 0 ? rds.storage_throughput : included_mib(rds);
}

std::vector<ParamInfo> rds_storage_params() {
  using registry_detail::one_of;
  using registry_detail::opt;
  using K = ValueKind;
  return {one_of("storage_type", {"gp3", "io1"}, "gp3", "storage volume type (sources.md §2b)"),
          opt("iops", K::Integer, "gp3: 3000 below 400GiB, 12000 from 400GiB",
              "provisioned IOPS: gp3 12000-64000 from 400GiB; io1 1000-256000 (1-50 per GiB), required"),
          opt("storage_throughput", K::Number, "gp3: 125 below 400GiB, 500 from 400GiB",
              "provisioned MiB/s: gp3 500-4000 from 400GiB"),
          opt("io", K::Map, "none: the disk is no station",
              "storage I/Os per query, making the volume a station (docs/storage.md)")};
}

void register_rds_io(ParamRegistry& r) {
  using registry_detail::opt;
  using registry_detail::section;
  using K = ValueKind;
  r.add(section("io", "An rds database's storage I/O per query (docs/storage.md, sources.md §2b: estimates).",
                {opt("read", K::Number, "0.05", "mean I/Os of one read (a buffer-pool miss: ~95% hit ratio)"),
                 opt("write", K::Number, "2", "mean I/Os of one write (the redo log's fsync, a page flush)"),
                 opt("size", K::Size, "16KiB", "bytes per I/O (an InnoDB page), for the throughput cap"),
                 opt("latency", K::Time, "gp3 1ms, io1 0.5ms", "the device's latency, once per query that does I/O")}));
}

void validate_rds_storage(const ScenarioSpec&, const ComponentSpec& c, Diagnostics& out) {
  const auto& rds = std::get<RdsSpec>(c.kind);
  const std::string base = "components." + c.name + ".";
  const double gib = rds.storage / kGiB;
  const bool iops = c.key_locs.count("iops") != 0, mib = c.key_locs.count("storage_throughput") != 0;
  if (!rds.host.empty()) {
    for (const char* k : {"storage_type", "iops", "storage_throughput"})
      if (c.key_locs.count(k) != 0)
        out.error(c.loc_of(k), base + k,
                  "a database on a host uses its host's disk: set iops and throughput on the ebs component "
                  "attached to '" + rds.host + "'");
    return;
  }
  if (rds.storage_type == "io1") {
    if (!iops) {
      out.error(c.loc_of("storage_type"), base + "iops", "io1 storage needs its provisioned iops (1000-256000)");
      return;
    }
    if (gib < kIo1MinGiB)
      out.error(c.loc_of("storage"), base + "storage",
                fmt::format("io1 storage starts at 100GiB, found {:.4g}GiB", gib));
    const double ratio = rds.iops / gib;
    if (ratio < kIo1MinRatio || ratio > kIo1MaxRatio)
      out.error(c.loc_of("iops"), base + "iops",
                fmt::format("io1 takes 1 to 50 IOPS per GiB: {} IOPS on {:.4g}GiB is {:.3g} per GiB "
                            "(between {:.0f} and {:.0f} IOPS fit this size)",
                            rds.iops, gib, ratio, std::ceil(gib * kIo1MinRatio), std::floor(gib * kIo1MaxRatio)));
    if (mib)
      out.error(c.loc_of("storage_throughput"), base + "storage_throughput",
                "io1's throughput follows its IOPS: remove storage_throughput (it is a gp3 setting)");
    return;
  }
  // gp3
  if (!large_gp3(rds)) {
    if (iops && rds.iops != kGp3SmallIops)
      out.error(c.loc_of("iops"), base + "iops",
                fmt::format("gp3 below 400GiB has 3000 IOPS, no more: found {} (allocate storage: 400GB or more "
                            "for 12000-64000 IOPS, or choose storage_type: io1)", rds.iops));
    if (mib && rds.storage_throughput != kGp3SmallMib)
      out.error(c.loc_of("storage_throughput"), base + "storage_throughput",
                fmt::format("gp3 below 400GiB has 125 MiB/s, no more: found {:g} (allocate 400GB or more for 500-4000)",
                            rds.storage_throughput));
    return;
  }
  if (iops && (rds.iops < kGp3LargeIops || rds.iops > kGp3MaxIops))
    out.error(c.loc_of("iops"), base + "iops",
              fmt::format("gp3 from 400GiB takes 12000 to 64000 IOPS, found {}", rds.iops));
  if (mib && (rds.storage_throughput < kGp3LargeMib || rds.storage_throughput > kGp3MaxMib))
    out.error(c.loc_of("storage_throughput"), base + "storage_throughput",
              fmt::format("gp3 from 400GiB takes 500 to 4000 MiB/s, found {:g}", rds.storage_throughput));
}

StorageIo rds_storage_io(const ScenarioSpec& spec, const RdsSpec& rds) {
  StorageIo io;
  io.on = rds.io;
  io.read = rds.io_read;
  io.write = rds.io_write;
  io.io_bytes = rds.io_size;
  io.iops = rds_iops(rds);
  double mib = rds_throughput_mib(rds);
  Duration latency = rds.storage_type == "io1" ? kIo1Latency : kGp3Latency;
  if (!rds.host.empty()) {
    // The day-one box: the database's files are on the host's volume (sources.md §14); a host
    // with no ebs component has the gp3 defaults of a root volume.
    io.iops = kGp3SmallIops;
    mib = kGp3SmallMib;
    latency = kGp3Latency;
    for (const ComponentSpec& other : spec.components)
      if (const auto* ebs = std::get_if<EbsSpec>(&other.kind); ebs != nullptr && ebs->attach == rds.host) {
        io.iops = ebs->iops;
        mib = ebs->throughput;
        break;
      }
  }
  io.bytes_per_s = mib * kMiB;
  io.latency = rds.io_latency ? *rds.io_latency : latency;
  io.ns_per_io = io.throughput_binds() ? io.io_bytes / io.bytes_per_s * 1e9 : 1e9 / io.iops;
  return io;
}

double rds_storage_month_usd(const BillContext& b, const RdsSpec& rds) {
  const double gb = rds.storage / 1e9;
  if (rds.storage_type == "io1")
    return gb * b.rate("rds", "storage_io1") + rds.iops * b.rate("rds", "io1_iops");
  return gb * b.rate("rds", "storage_gp3") +
         std::max(0.0, rds_iops(rds) - included_iops(rds)) * b.rate("rds", "gp3_iops") +
         std::max(0.0, rds_throughput_mib(rds) - included_mib(rds)) * b.rate("rds", "gp3_throughput");
}

}  // namespace headroom

namespace headroom::yaml {

void read_rds_storage(Reader& r, const MapReader& m, RdsSpec& e) {
  const SectionInfo& s = scenario_registry().at("component.rds");
  if (auto v = r.choice(m.get("storage_type"), *s.find("storage_type"))) e.storage_type = *v;
  if (auto v = r.integer(m.get("iops"), 1000, 256000)) e.iops = static_cast<int>(*v);
  if (auto v = r.number(m.get("storage_throughput"))) {
    if (*v < 125 || *v > 4000)
      r.error(m.get("storage_throughput"), fmt::format("RDS storage takes 125 to 4000 MiB/s, found {:g}", *v));
    else
      e.storage_throughput = *v;
  }
  if (!m.has("io")) return;
  e.io = true;
  const MapReader io(r, m.get("io"), scenario_registry().at("io"));
  // More than 1,000 I/Os per query is a batch job, not a query: a typo, most likely.
  const auto per_query = [&](const char* key, double& out) {
    if (auto v = r.number(io.get(key))) {
      if (*v > 1000) r.error(io.get(key), fmt::format("at most 1000 I/Os per query, found {:g}", *v));
      else out = *v;
    }
  };
  per_query("read", e.io_read);
  per_query("write", e.io_write);
  if (auto v = r.size(io.get("size"))) {
    if (*v < 512 || *v > 1048576)
      r.error(io.get("size"), fmt::format("an I/O moves 512B to 1MiB, found {:g}B", *v));
    else
      e.io_size = *v;
  }
  if (auto v = r.duration(io.get("latency"))) e.io_latency = *v;
}

}  // namespace headroom::yaml

namespace headroom {

void storage_figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Component& c = f.model.components[id];
  if (!c.io.on) return;
  const ComponentTally& t = f.model.states[id].tally;
  // Each copy alive has its volume: the volumes' time alive is the instances'.
  if (t.alive_area > 0) cr.stats.emplace_back(ComponentStat::StorageUtilization, t.storage_busy_ns / t.alive_area);
  if (f.window_s > 0) cr.stats.emplace_back(ComponentStat::StorageIops, t.storage_ios / f.window_s);
  cr.stats.emplace_back(ComponentStat::StorageIopsProvisioned, c.io.iops);
  cr.stats.emplace_back(ComponentStat::StorageWaitMeanMs,
                        t.storage_queries > 0 ? t.storage_wait_ns / t.storage_queries * 1e-6 : 0);
}

std::string storage_summary(const ComponentReport& c) {
  bool on = false;
  for (const auto& [k, v] : c.stats) on |= k == ComponentStat::StorageUtilization;
  if (!on) return "";
  return fmt::format("storage {:.0f}% busy: {:.0f} of {:.0f} IOPS, I/O wait {:.2f} ms per query",
                     c.stat(ComponentStat::StorageUtilization) * 100, c.stat(ComponentStat::StorageIops),
                     c.stat(ComponentStat::StorageIopsProvisioned), c.stat(ComponentStat::StorageWaitMeanMs));
}

}  // namespace headroom
