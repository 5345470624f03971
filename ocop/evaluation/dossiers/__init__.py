"""Dossiers (hồ sơ sản phẩm) and the commune step: QĐ 26/2026/QĐ-TTg Điều 6–7."""
