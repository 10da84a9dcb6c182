#pragma once
// The team database's address as the user typed it (a connection string, a postgresql:// URI or
// "service=NAME") and the password that must never be kept with it: stripped before the address
// is remembered or shown, and added only to the copy the connection uses, in memory.
#include <QString>

namespace atlas::app {

// The address with any password removed ("password=…", "postgresql://ann:secret@…", "?password=…").
QString withoutPassword(const QString& url);
// The address with `password` in it, as a connection string libpq reads; "" when libpq cannot
// parse the address (the connection then reports why).
QString withPassword(const QString& url, const QString& password);
// Whether the server refused the login for want of a (right) password: worth asking for one.
bool wantsPassword(const QString& error);

}  // namespace atlas::app
