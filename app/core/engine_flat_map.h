// Open-addressing hash map from a non-zero 64-bit key to a small value, for the engine's hot
// paths (open calls, recently seen event ids). Linear probing with backward-shift deletion:
// no tombstones, no allocation except when the table grows (load > 1/2). Key 0 is reserved
// as "empty" and must not be inserted.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cb::engine_detail {

template <typename V>
class FlatMap {
public:
    explicit FlatMap(size_t initial_capacity = 1024) { Rehash(RoundUp(initial_capacity)); }

    size_t size() const { return m_size; }

    // Returns the value for key, or nullptr.
    V* Find(uint64_t key) {
        size_t i = Hash(key) & m_mask;
        while (true) {
            Slot& s = m_slots[i];
            if (s.key == key) return &s.value;
            if (s.key == 0) return nullptr;
            i = (i + 1) & m_mask;
        }
    }
    const V* Find(uint64_t key) const { return const_cast<FlatMap*>(this)->Find(key); }

    // Returns the slot for key, inserting a default value if absent; *inserted says which.
    V& Insert(uint64_t key, bool* inserted) {
        if ((m_size + 1) * 2 > m_slots.size()) Rehash(m_slots.size() * 2);
        size_t i = Hash(key) & m_mask;
        while (true) {
            Slot& s = m_slots[i];
            if (s.key == key) {
                *inserted = false;
                return s.value;
            }
            if (s.key == 0) {
                s.key = key;
                s.value = V{};
                ++m_size;
                *inserted = true;
                return s.value;
            }
            i = (i + 1) & m_mask;
        }
    }

    // Removes key if present; returns whether it was.
    bool Erase(uint64_t key) {
        size_t i = Hash(key) & m_mask;
        while (true) {
            if (m_slots[i].key == 0) return false;
            if (m_slots[i].key == key) break;
            i = (i + 1) & m_mask;
        }
        // Backward-shift: move later members of the probe run into the hole.
        size_t hole = i;
        size_t j = i;
        while (true) {
            j = (j + 1) & m_mask;
            if (m_slots[j].key == 0) break;
            size_t home = Hash(m_slots[j].key) & m_mask;
            // Move j into hole unless its home lies cyclically in (hole, j].
            bool home_in_range = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!home_in_range) {
                m_slots[hole] = m_slots[j];
                hole = j;
            }
        }
        m_slots[hole].key = 0;
        --m_size;
        return true;
    }

    // Calls fn(key, const value&) for every entry, in slot order.
    template <typename Fn>
    void ForEach(Fn fn) const {
        for (const Slot& s : m_slots) {
            if (s.key != 0) fn(s.key, s.value);
        }
    }

    // Calls fn(key, value&) for every entry; fn returns true to erase it.
    template <typename Fn>
    void EraseIf(Fn fn) {
        std::vector<uint64_t> doomed;
        for (Slot& s : m_slots) {
            if (s.key != 0 && fn(s.key, s.value)) doomed.push_back(s.key);
        }
        for (uint64_t k : doomed) Erase(k);
    }

private:
    struct Slot {
        uint64_t key = 0;
        V value{};
    };

    static size_t RoundUp(size_t n) {
        size_t c = 16;
        while (c < n) c *= 2;
        return c;
    }
    static size_t Hash(uint64_t k) {
        // splitmix64 finalizer: call keys and event ids are often sequential.
        k ^= k >> 30;
        k *= 0xbf58476d1ce4e5b9ull;
        k ^= k >> 27;
        k *= 0x94d049bb133111ebull;
        k ^= k >> 31;
        return static_cast<size_t>(k);
    }
    void Rehash(size_t capacity) {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_size = 0;
        for (const Slot& s : old) {
            if (s.key == 0) continue;
            bool inserted = false;
            Insert(s.key, &inserted) = s.value;
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

}  // namespace cb::engine_detail
