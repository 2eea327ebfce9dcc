"""The demo's help center: a few articles of a crypto exchange's knowledge base, in English and
some in Vietnamese, Indonesian, Chinese and Spanish, so the bot and the help center have
something to answer from. Made up for the demo; no real company's policy."""

from __future__ import annotations

ARTICLES: list[dict[str, str]] = [
    {
        "external_id": "api-keys", "locale": "en", "category": "Account",
        "body": "# Create an API key\n\nOpen Account, then API Management, and choose Create "
        "API key. A new key can read and trade, but it can never withdraw unless you allow it, "
        "and you can hold up to 30 keys.\n\nThe secret key is shown only once: store it safely. "
        "Restrict each key to the IP addresses of your trading servers.",
    },
    {
        "external_id": "api-keys", "locale": "vi", "category": "Tài khoản",
        "body": "# Tạo API key\n\nVào Tài khoản, chọn Quản lý API rồi chọn Tạo API key. Key mới "
        "có thể đọc và giao dịch nhưng không bao giờ rút tiền trừ khi bạn cho phép, và bạn có "
        "thể giữ tối đa 30 key.\n\nSecret key chỉ hiện một lần: hãy lưu giữ cẩn thận.",
    },
    {
        "external_id": "withdrawal-fees", "locale": "en", "category": "Deposits and withdrawals",
        "body": "# Withdrawal fees\n\nEach withdrawal pays the network fee of the network you "
        "choose; the fee is shown before you confirm. Deposits are free.\n\nWithdrawals on a "
        "busy network can cost more: choose another network if the token supports one.",
    },
    {
        "external_id": "withdrawal-fees", "locale": "vi", "category": "Nạp và rút",
        "body": "# Phí rút tiền\n\nMỗi lệnh rút trả phí mạng của mạng bạn chọn; phí được hiển "
        "thị trước khi bạn xác nhận. Nạp tiền miễn phí.",
    },
    {
        "external_id": "withdrawal-fees", "locale": "id", "category": "Deposit dan penarikan",
        "body": "# Biaya penarikan\n\nSetiap penarikan membayar biaya jaringan dari jaringan "
        "yang Anda pilih; biaya ditampilkan sebelum Anda mengonfirmasi. Deposit gratis.",
    },
    {
        "external_id": "deposit-confirmations", "locale": "en",
        "category": "Deposits and withdrawals",
        "body": "# How long a deposit takes\n\nA deposit is credited after the network confirms "
        "it: 1 confirmation on BNB Smart Chain, 12 on Ethereum, 2 on Bitcoin. Most arrive within "
        "30 minutes.\n\nYou can follow the confirmations with the transaction hash (TxID) in a "
        "block explorer.",
    },
    {
        "external_id": "deposit-confirmations", "locale": "vi", "category": "Nạp và rút",
        "body": "# Nạp tiền mất bao lâu\n\nTiền nạp được ghi có sau khi mạng xác nhận: 1 xác nhận "
        "trên BNB Smart Chain, 12 trên Ethereum, 2 trên Bitcoin. Phần lớn về trong vòng 30 phút."
        "\n\nBạn có thể theo dõi số xác nhận bằng mã giao dịch (TxID) trên trình khám phá khối.",
    },
    {
        "external_id": "deposit-confirmations", "locale": "zh-CN", "category": "充值与提现",
        "body": "# 充值需要多长时间\n\n网络确认后充值即到账：BNB Smart Chain 需 1 个确认，以太坊 "
        "12 个，比特币 2 个。大多数充值在 30 分钟内到账。\n\n您可以在区块浏览器中用交易哈希（TxID）"
        "查看确认数。",
    },
    {
        "external_id": "deposit-confirmations", "locale": "id",
        "category": "Deposit dan penarikan",
        "body": "# Berapa lama deposit masuk\n\nDeposit masuk ke saldo setelah jaringan "
        "mengonfirmasinya: 1 konfirmasi di BNB Smart Chain, 12 di Ethereum, 2 di Bitcoin. "
        "Sebagian besar deposit masuk dalam 30 menit.\n\nAnda dapat memantau konfirmasi dengan "
        "hash transaksi (TxID) di block explorer.",
    },
    {
        "external_id": "deposit-confirmations", "locale": "ar", "category": "الإيداع والسحب",
        "body": "# كم من الوقت يستغرق الإيداع\n\nيُضاف الإيداع إلى رصيدك بعد أن تؤكده الشبكة: "
        "تأكيد واحد على BNB Smart Chain، و12 على Ethereum، و2 على Bitcoin. تصل معظم الإيداعات "
        "خلال 30 دقيقة.\n\nيمكنك متابعة التأكيدات برمز المعاملة (TxID) في مستكشف الكتل.",
    },
    {
        "external_id": "memo-tag", "locale": "en", "category": "Deposits and withdrawals",
        "body": "# Deposits that need a memo or tag\n\nXRP, XLM, TON and some other networks "
        "share one deposit address between many users; the memo (or tag) says whose deposit it "
        "is. Always copy both the address and the memo.\n\nIf you sent a deposit without its "
        "memo, do not send it again: start the Deposit not arrived form in the chat so the "
        "recovery team can find it.",
    },
    {
        "external_id": "memo-tag", "locale": "id", "category": "Deposit dan penarikan",
        "body": "# Deposit yang memerlukan memo atau tag\n\nXRP, XLM, TON dan beberapa jaringan "
        "lain memakai satu alamat deposit untuk banyak pengguna; memo (atau tag) menunjukkan "
        "milik siapa deposit itu. Selalu salin alamat dan memo.",
    },
    {
        "external_id": "kyc-documents", "locale": "en", "category": "Identity verification",
        "body": "# Documents for identity verification\n\nWe accept a passport, a national ID "
        "card or a driving licence that has not expired. Take the photo in good light, with all "
        "four corners visible.\n\nMost verifications finish within 24 hours; you get an email "
        "either way.",
    },
    {
        "external_id": "kyc-documents", "locale": "vi", "category": "Xác minh danh tính",
        "body": "# Giấy tờ xác minh danh tính\n\nChúng tôi chấp nhận hộ chiếu, căn cước công dân "
        "hoặc giấy phép lái xe còn hạn. Chụp ảnh đủ sáng và thấy rõ cả bốn góc.\n\nPhần lớn hồ "
        "sơ được xét trong vòng 24 giờ; bạn sẽ nhận email kết quả.",
    },
    {
        "external_id": "kyc-documents", "locale": "es", "category": "Verificación de identidad",
        "body": "# Documentos para verificar tu identidad\n\nAceptamos pasaporte, documento "
        "nacional de identidad o permiso de conducir vigente. Haz la foto con buena luz y con "
        "las cuatro esquinas visibles.\n\nLa mayoría de las verificaciones terminan en 24 horas.",
    },
    {
        "external_id": "fake-support", "locale": "en", "category": "Security",
        "body": "# Fake support accounts and scams\n\nOur staff never ask for your password, "
        "2FA codes or seed phrase, and never ask you to send crypto to an address to "
        "\"verify\" or \"unlock\" your account.\n\nIf someone did, stop contacting them and "
        "write to us in the chat: a person will help you at once.",
    },
    {
        "external_id": "fake-support", "locale": "vi", "category": "Bảo mật",
        "body": "# Tài khoản hỗ trợ giả mạo và lừa đảo\n\nNhân viên của chúng tôi không bao giờ "
        "hỏi mật khẩu, mã 2FA hay cụm từ khôi phục, và không bao giờ yêu cầu bạn chuyển tiền "
        "điện tử để \"xác minh\" hay \"mở khóa\" tài khoản.",
    },
    {
        "external_id": "futures-liquidation", "locale": "en", "category": "Futures",
        "body": "# Why a futures position is liquidated\n\nA position is liquidated when its "
        "margin falls below the maintenance margin, measured against the mark price, not the "
        "last traded price.\n\nTo lower the risk, use less leverage, add margin, or set a "
        "stop-loss.",
    },
    {
        "external_id": "futures-liquidation", "locale": "zh-CN", "category": "合约",
        "body": "# 合约仓位为什么被强平\n\n当仓位保证金低于维持保证金时会被强制平仓，计算依据是标记"
        "价格而不是最新成交价。\n\n要降低风险，请降低杠杆、追加保证金或设置止损。",
    },
    {
        "external_id": "change-email", "locale": "en", "category": "Account",
        "body": "# Change the email of your account\n\nOpen Account, then Security, and choose "
        "Change email. You confirm with codes sent to the old and the new address and with "
        "2FA.\n\nFor your safety, withdrawals are paused for 24 hours after the change.",
    },
    {
        "external_id": "change-email", "locale": "es", "category": "Cuenta",
        "body": "# Cambiar el correo de tu cuenta\n\nAbre Cuenta, luego Seguridad, y elige "
        "Cambiar correo. Confirmas con códigos enviados a la dirección antigua y a la nueva y "
        "con 2FA.\n\nPor tu seguridad, los retiros se pausan 24 horas tras el cambio.",
    },
]  # fmt: skip
