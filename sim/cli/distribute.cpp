// Jobs over threads, or over MPI ranks (HEADROOM_MPI builds only). MPI is initialised only when
// mpirun started this process, so an MPI build behaves exactly as a plain one otherwise.
#include "cli/distribute.hpp"

#include "cli/interrupt.hpp"

#if HEADROOM_MPI
#include <mpi.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#endif

namespace headroom {

#if HEADROOM_MPI
namespace {

constexpr int kAsk = 1;   // worker → rank 0: "job N's record" (or nothing, the first time), send me another
constexpr int kTask = 2;  // rank 0 → worker: a job number, or −1: no more

bool under_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

std::string receive_text(int source, int tag, MPI_Status& status) {
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_CHAR, &size);
  std::string text(static_cast<std::size_t>(size), '\0');
  MPI_Recv(text.data(), size, MPI_CHAR, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return text;
}

/// Rank 0: answers each ask with the next job while a local thread runs jobs from the same queue.
/// A signal on any rank stops the sweep: a worker's reply names the signal it had, rank 0 then
/// stops as if it had had it too, hands out no other job and tells each rank to stop as it next
/// asks; a run cut short on any rank comes back not done, so that the outputs list its point as
/// not run (issue 16).
std::vector<JobRecord> serve(const std::vector<std::size_t>& mine, std::size_t count, int ranks, const JobFn& job) {
  std::vector<JobRecord> out(count);
  std::atomic<std::size_t> next{0};
  std::string local_error;
  std::thread local([&] {
    try {
      for (std::size_t i = next++; i < mine.size() && !stop_flag().load(); i = next++) {
        out[mine[i]] = job(mine[i]);
        out[mine[i]].done = !cut_short(out[mine[i]]);
      }
    } catch (const std::exception& e) {
      local_error = e.what();
    }
  });
  int stopped = 0;
  std::string remote_error;
  while (stopped < ranks - 1) {
    MPI_Status status;
    const std::string text = receive_text(MPI_ANY_SOURCE, kAsk, status);
    if (!text.empty()) {
      // "JOB[ SIGNAL]\n" then the record, or "!" and an error.
      const auto nl = text.find('\n');
      const std::string head = text.substr(0, nl);
      const auto space = head.find(' ');
      if (space != std::string::npos) stop_as_if(head.substr(space + 1));
      if (const std::int64_t j = std::stoll(head.substr(0, space)); j >= 0) {
        if (text.compare(nl + 1, 1, "!") == 0) remote_error = text.substr(nl + 2);
        else {
          const auto at = static_cast<std::size_t>(j);
          out[at] = parse_record(text.substr(nl + 1));
          out[at].done = !cut_short(out[at]);
        }
      }
    }
    const std::size_t i = remote_error.empty() && !stop_flag().load() ? next++ : mine.size();
    const std::int64_t task = i < mine.size() ? static_cast<std::int64_t>(mine[i]) : -1;
    MPI_Send(&task, 1, MPI_INT64_T, status.MPI_SOURCE, kTask, MPI_COMM_WORLD);
    if (task < 0) ++stopped;
  }
  local.join();
  if (!local_error.empty()) throw std::runtime_error(local_error);
  if (!remote_error.empty()) throw std::runtime_error("on another rank: " + remote_error);
  return out;
}

/// Ranks 1…N−1: ask, run, send the record back with the next ask, until told to stop; once a
/// signal has come here, every reply names it.
void work(const JobFn& job) {
  std::string reply;
  for (;;) {
    MPI_Send(reply.data(), static_cast<int>(reply.size()), MPI_CHAR, 0, kAsk, MPI_COMM_WORLD);
    std::int64_t task = -1;
    MPI_Recv(&task, 1, MPI_INT64_T, 0, kTask, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (task < 0) return;
    std::string body;
    try {
      body = record_json(job(static_cast<std::size_t>(task)));
    } catch (const std::exception& e) {
      body = std::string("!") + e.what();
    }
    reply = std::to_string(task) + (stop_flag().load() ? " " + stop_signal() : "") + "\n" + body;
  }
}

}  // namespace
#endif

Distributed distribute_jobs(std::size_t count, const Shard& shard, int threads, const JobFn& job) {
#if HEADROOM_MPI
  if (under_mpirun()) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    int rank = 0, ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (ranks > 1) {
      std::vector<std::size_t> mine;
      for (std::size_t i = 0; i < count; ++i)
        if (shard.owns(i)) mine.push_back(i);
      Distributed d;
      d.writes = rank == 0;
      try {
        if (rank == 0) d.records = serve(mine, count, ranks, job);
        else work(job);
      } catch (...) {
        MPI_Abort(MPI_COMM_WORLD, 3);
      }
      MPI_Finalize();
      return d;
    }
    MPI_Finalize();
  }
#endif
  return Distributed{run_jobs(count, shard, threads, job), true};
}

}  // namespace headroom
