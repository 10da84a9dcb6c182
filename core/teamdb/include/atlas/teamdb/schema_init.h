#pragma once
// kachin-atlas db init: the schema of the team record in an empty database (README, "Team
// database"): PostGIS, one table per file of the dataset, a version on every row bumped by the
// server, the append-only audit table written by triggers, NOTIFY on every change, and the roles
// atlas_editor / atlas_reader whose rights the server enforces.
#include "atlas/diagnostics.h"

#include <string>

namespace atlas::teamdb {

// Empty when the schema was created; refuses a database that already has it.
Diagnostics initDatabase(const std::string& url);

// The DDL as one script (for the README and for review).
std::string schemaSql();

}  // namespace atlas::teamdb
