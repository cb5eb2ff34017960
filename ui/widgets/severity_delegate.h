#pragma once

#include <QStyledItemDelegate>

namespace vigil {

/**
 * @brief Paints a severity cell as a coloured badge with its name, so severity never relies on
 * colour alone. Reads the level from the model's SeverityRole (0..4).
 */
class SeverityDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace vigil
