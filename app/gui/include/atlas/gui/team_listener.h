#pragma once
// The team database's NOTIFY in the window's event loop: the listening connection's socket in a
// QSocketNotifier, so a colleague's commit reaches the window as soon as the server sends it and
// nothing polls.
#include "atlas/teamdb/listener.h"

#include <QObject>

#include <memory>
#include <vector>

class QSocketNotifier;

namespace atlas::app {

class TeamListener : public QObject {
    Q_OBJECT
public:
    // Throws teamdb::DbError when the server cannot be reached.
    TeamListener(const std::string& url, QObject* parent);
    ~TeamListener() override;

signals:
    void changed(const std::vector<atlas::teamdb::Change>& changes);
    // The listening connection broke (the server went away); nothing more will arrive.
    void lost(const QString& why);

private:
    void readable();

    std::unique_ptr<teamdb::Listener> m_listener;
    QSocketNotifier* m_notifier = nullptr;
};

}  // namespace atlas::app
