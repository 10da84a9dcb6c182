#include "atlas/gui/team_listener.h"

#include "atlas/teamdb/connection.h"

#include <QSocketNotifier>

namespace atlas::app {

TeamListener::TeamListener(const std::string& url, QObject* parent)
    : QObject(parent), m_listener(std::make_unique<teamdb::Listener>(url))
{
    m_notifier = new QSocketNotifier(m_listener->socket(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TeamListener::readable);
}

TeamListener::~TeamListener() = default;

void TeamListener::readable()
{
    try {
        std::vector<teamdb::Change> changes = m_listener->take();
        if (!changes.empty()) emit changed(changes);
    } catch (const teamdb::DbError& e) {
        // A dead socket stays readable: stop watching it, or the loop would spin on it.
        m_notifier->setEnabled(false);
        emit lost(QString::fromStdString(e.what()));
    }
}

}  // namespace atlas::app
