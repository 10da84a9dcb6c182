#pragma once
// Pieces the editing dialogs share: the date field that says the precision it read, the
// pickers of sources and features filled from the dataset, and how a refusal is shown.
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QDialog;
class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace atlas {
class Dataset;
}

namespace atlas::app {

class IdPicker;
class RecordSession;

// The rows every edit's form ends with: its sources (searchable, with New Source…) and the
// confidence; object names "sources" and "confidence".
struct CitationRows {
    IdPicker* sources = nullptr;
    QComboBox* confidence = nullptr;
};
CitationRows addCitationRows(QFormLayout& form, QWidget* parent, RecordSession& session);
// The dialog's layout: `form`, the refusal label (returned) and OK/Cancel (object name
// "buttons"), OK calling the dialog's accept().
QLabel* layOutForm(QDialog& dialog, QFormLayout* form);

// Fills `picker` with SOURCES.md's catalogue: "S33 — outlet: title (date)", the recently cited first.
void fillSources(IdPicker& picker, const Dataset* dataset);
// Remembers the sources an applied edit cited (settings "record/recentSources", newest first).
void rememberSources(const std::vector<std::string>& ids);
// Fills `picker` with every feature id of the dataset (events included) and its name.
void fillFeatures(IdPicker& picker, const Dataset* dataset, bool withEvents);
// A combo box of the dataset's ids accepted by `pick`, shown "id — name" and searchable by any
// part of that (nobody types an id); each item's data is its id. `none` (when not empty) is a
// first item whose data is "".
QComboBox* makeIdCombo(QWidget* parent, const char* objectName, const Dataset* dataset,
                       const std::function<bool(const std::string&)>& pick, const QString& none = {});
// Fills a combo box with the schema's confidence words, "medium" chosen.
void fillConfidence(QComboBox& combo);

// Reads a date field through Date::parse. Empty and `optional`: nullopt with no error; a bad
// date: nullopt, and `error` gets "field: the parser's message".
std::optional<std::string> readDate(const QLineEdit& field, bool optional, QString& error);
// "day precision", "month precision"… or the parser's complaint, for the label next to a date.
QString datePrecisionText(const QString& text);

// A refusal label: red, wrapping, selectable (the diagnostic can be copied into a bug report).
QLabel* makeErrorLabel(QWidget* parent);

}  // namespace atlas::app
