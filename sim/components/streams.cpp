#include "components/streams.hpp"

namespace headroom {

Stream build_stream(std::uint16_t id, bool data_stream, double record_size, const ConsumerSpec& consumer,
                    int shards, Rng rng) {
  Stream s;
  s.component = id;
  s.data_stream = data_stream;
  s.record_size = record_size;
  s.batch_size = static_cast<std::uint32_t>(consumer.batch_size);
  s.window = consumer.window;
  s.poll_interval = data_stream ? kSecond : 250 * kMillisecond;
  s.rng = rng;
  s.shards.resize(static_cast<std::size_t>(shards));
  for (auto& sh : s.shards) {
    // Per shard: 1,000 records/s or 1 MB/s in, 2 MB/s out (sources.md §9), each a
    // one-second bucket; the poller's phase on its grid is random.
    sh.in_records = TokenBucket(1000, 1000);
    sh.in_bytes = TokenBucket(1e6, 1e6);
    sh.out_bytes = TokenBucket(2e6, 2e6);
    sh.phase = static_cast<SimTime>(rng.uniform01() * static_cast<double>(s.poll_interval));
  }
  return s;
}

}  // namespace headroom
