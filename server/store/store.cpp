#include "server/store/store.h"

#include <chrono>
#include <filesystem>
#include "server/store/migrations.h"
#include "server/store/store_impl.h"

namespace cb {
namespace {

int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Status Fail(const std::string& path, const std::string& why) {
    return Status::Error("database '" + path + "': " + why);
}

// Records the data kind of a new database, or checks it against an existing one.
Status CheckDataKind(Store::Impl& impl, const std::string& path, DataKind kind) {
    sql::Statement& get = impl.get_meta;
    get.BindText(1, "data_kind");
    bool has_row = false;
    if (!get.Step(&has_row)) return Fail(path, get.error());
    const std::string stored = has_row ? get.ColumnText(0) : std::string();
    get.Reset();
    if (!stored.empty()) {
        if (stored != DataKindName(kind)) {
            return Fail(path, "holds " + stored + " data and cannot be used for " +
                                  std::string(DataKindName(kind)) + " data; choose another --db file");
        }
        return Status::Ok();
    }
    sql::Statement put;
    Status status = impl.db.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", &put);
    if (!status.ok()) return Fail(path, status.message());
    if (!(status = impl.db.Exec("BEGIN IMMEDIATE")).ok()) return Fail(path, status.message());
    const std::pair<const char*, std::string> rows[] = {
        {"created_at", std::to_string(NowMs())},
        {"product_version", CALLBOARD_VERSION},
        {"data_kind", std::string(DataKindName(kind))},
    };
    for (const auto& [key, value] : rows) {
        put.BindText(1, key);
        put.BindText(2, value);
        status = put.Run();
        if (!status.ok()) {
            impl.db.Exec("ROLLBACK");
            return Fail(path, status.message());
        }
    }
    status = impl.db.Exec("COMMIT");
    return status.ok() ? Status::Ok() : Fail(path, status.message());
}

}  // namespace

std::string_view DataKindName(DataKind kind) { return kind == DataKind::Demo ? "demo" : "real"; }

std::optional<DataKind> Store::StoredDataKind(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    sql::Db db;
    if (!db.Open(path).ok()) return std::nullopt;
    sql::Statement get;
    if (!db.Prepare("SELECT value FROM meta WHERE key = 'data_kind'", &get).ok()) return std::nullopt;
    bool has_row = false;
    if (!get.Step(&has_row) || !has_row) return std::nullopt;
    const std::string kind = get.ColumnText(0);
    if (kind == DataKindName(DataKind::Real)) return DataKind::Real;
    if (kind == DataKindName(DataKind::Demo)) return DataKind::Demo;
    return std::nullopt;
}

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, DataKind kind) {
    auto impl = std::make_unique<Impl>();
    impl->kind = kind;
    Status status = impl->db.Open(path);
    if (!status.ok()) return Fail(path, "cannot open or create it (" + status.message() + ")");
    // busy_timeout first, so the pragmas below wait for another writer instead of failing.
    status = impl->db.Exec("PRAGMA busy_timeout = 5000");
    // 16 KiB pages for a new database (an existing one keeps its size): a quarter of the WAL
    // frames, page writes and B-tree levels of 4 KiB pages on large imports (bench/results/import.md).
    if (status.ok()) status = impl->db.Exec("PRAGMA page_size = 16384");
    if (status.ok()) status = impl->db.Exec("PRAGMA foreign_keys = ON");
    if (status.ok() && path != ":memory:") status = impl->db.Exec("PRAGMA journal_mode = WAL");
    if (status.ok()) status = impl->db.Exec("PRAGMA synchronous = NORMAL");
    // Keep the indexes' recent pages in memory (64 MiB page cache) and checkpoint the WAL in
    // bigger steps (10,000 pages) to write pages once.
    if (status.ok()) status = impl->db.Exec("PRAGMA cache_size = -65536");
    if (status.ok()) status = impl->db.Exec("PRAGMA wal_autocheckpoint = 10000");
    if (status.ok()) status = impl->db.Exec("PRAGMA temp_store = MEMORY");
    if (!status.ok()) return Fail(path, status.message());
    if (path != ":memory:" && impl->db.IsReadOnly()) {
        return Fail(path, "the file is read-only");
    }
    status = Migrate(impl->db, &impl->schema_version);
    if (!status.ok()) return Fail(path, status.message());
    status = PrepareEventStatements(*impl);
    if (status.ok()) status = PrepareDirectoryStatements(*impl);
    if (status.ok()) status = PrepareDerivedStatements(*impl);
    if (status.ok()) status = impl->db.Prepare("SELECT value FROM meta WHERE key = ?1", &impl->get_meta);
    if (!status.ok()) return Fail(path, status.message());
    status = CheckDataKind(*impl, path, kind);
    if (!status.ok()) return status;
    status = CheckDerivedRules(*impl);
    if (!status.ok()) return Fail(path, status.message());
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const { return m_impl->schema_version; }
DataKind Store::data_kind() const { return m_impl->kind; }

Result<std::string> Store::Meta(std::string_view key) {
    sql::Statement& get = m_impl->get_meta;
    get.BindText(1, key);
    bool has_row = false;
    if (!get.Step(&has_row)) {
        Status error = Status::Error(get.error());
        get.Reset();
        return error;
    }
    std::string value = has_row ? get.ColumnText(0) : std::string();
    get.Reset();
    return value;
}

}  // namespace cb
