#pragma once
// An rds database's storage as a resource and a bill (docs/storage.md, sources.md §2b, §14): the
// keys `storage_type`, `iops`, `storage_throughput` and `io:`, their validation against RDS's
// ranges, the volume's performance for the runtime, and its monthly price per copy.
#include <string>
#include <vector>

#include "components/kind.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
/// Reads the storage keys of an rds map into `e`.
void read_rds_storage(Reader& r, const MapReader& m, RdsSpec& e);
}  // namespace headroom::yaml

namespace headroom {

/// The rds params the storage adds (appended to the kind's list) and the `io` section.
std::vector<ParamInfo> rds_storage_params();
void register_rds_io(ParamRegistry& r);
/// The checks that need more than one key: the type's ranges at its size, a host's volume.
void validate_rds_storage(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out);
/// The volume's performance and the queries' I/O; `on` false without `io:`. A database on a
/// host uses the ebs volume attached to that host (its iops and throughput), else gp3's defaults.
StorageIo rds_storage_io(const ScenarioSpec& spec, const RdsSpec& rds);
/// The IOPS and MiB/s a volume of this spec provides (the included figures when unset).
double rds_iops(const RdsSpec& rds);
double rds_throughput_mib(const RdsSpec& rds);
/// One copy's storage per month: GB-months at the type's rate, plus provisioned IOPS and
/// throughput above what the type includes (sources.md §2b).
double rds_storage_month_usd(const BillContext& b, const RdsSpec& rds);
/// The report's storage figures of a database with `io:` (none without).
void storage_figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr);
/// Its line in the terminal: utilisation, IOPS used of provisioned, I/O wait ("" without `io:`).
std::string storage_summary(const ComponentReport& c);

}  // namespace headroom
