#pragma once
// A FIFO on a growable power-of-two ring: O(1), no allocation once warm. RingQueue holds
// request ids; stream shards and Firehose buffers hold their records in one too.
#include <cstdint>
#include <vector>

namespace headroom {

template <class T>
class Ring {
 public:
  bool empty() const { return size_ == 0; }
  std::uint32_t size() const { return size_; }
  void push(const T& v) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = v;
    ++size_;
  }
  T pop() {
    const T v = buf_[head_];
    head_ = (head_ + 1) & static_cast<std::uint32_t>(buf_.size() - 1);
    --size_;
    return v;
  }
  /// The i-th oldest element (0: the front).
  const T& at(std::uint32_t i) const { return buf_[(head_ + i) & (buf_.size() - 1)]; }
  const T& front() const { return buf_[head_]; }
  void clear() { head_ = size_ = 0; }

 private:
  void grow() {
    std::vector<T> next(buf_.empty() ? 16 : buf_.size() * 2);
    for (std::uint32_t i = 0; i < size_; ++i) next[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(next);
    head_ = 0;
  }
  std::vector<T> buf_;
  std::uint32_t head_ = 0, size_ = 0;
};

using RingQueue = Ring<std::uint32_t>;

}  // namespace headroom
