"""The words screening/secrets.py looks for, per language: what a secret is called, how a
message asks for it, how a warning says not to give it, and how a scam asks for money to be
moved out of the account.

Every entry is a regular-expression fragment written the way people type it, with its
accents; screening/patterns.py folds the fragments exactly as it folds the text (NFKC,
casefold, Latin diacritics off, Arabic hamza and harakat unified), so "mật khẩu" matches "mat
khau" and "أرسل" matches "ارسل", and adds word boundaries for the languages written with
spaces (see UNSPACED). Write fragments in lower case, with (?:...) groups only, characters as
themselves (no \\u escapes), and with some fixed text that every match contains: each
fragment is tried only on sentences that contain it (a secret's or a destination's fragment
without one is refused at import).

The lists are deliberately narrow. A word goes in only when, next to a secret, it means "give
it to us"; the false-positive measurement (evaluation/screening.py) runs every list over
Bitcoin.org's FAQ, which talks about passwords, keys and backups in every sentence.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr",
    "de", "tr", "ar", "ja", "ko", "th", "uk", "it",
)  # fmt: skip

# Written without spaces between words (or, for Korean, with particles glued to the noun):
# matched as substrings, with a shorter reach between a secret and the words that ask for it.
UNSPACED = frozenset({"zh-CN", "zh-TW", "ja", "ko", "th"})

# Written in the Latin alphabet: after folding, plain a-z. Their words end at anything that is
# not a-z or a digit, so "请把你的OTP发给我" has "otp" in it though CJK letters touch it.
LATIN = frozenset({"en", "vi", "id", "es", "pt", "fr", "de", "tr", "it"})

# Negations that cannot be mistaken for a word of another language, so they apply whatever
# language asked: "Bạn đừng share seed phrase cho ai" asks with a word Indonesian shares.
# Latin-script negators are not here ("no" is Portuguese for "in the", "mai" Vietnamese for
# "tomorrow"), nor Chinese 不 (Japanese writes 不正 for fraud).
DISTINCT_NEGATION = frozenset({"vi", "ru", "uk", "ar", "ko", "th"})

Table = dict[str, tuple[str, ...]]

# -- What the secrets are called --------------------------------------------------------------
# lang -> kind -> fragments. The order of the kinds matters where one name starts another
# ("clave privada" before "clave"): the more specific kind is tried first.

SECRETS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "private_key": (
            r"private[ -]?keys?", r"priv ?keys?", r"secret keys?", r"api secret",
            r"keystore(?: file| json)?", r"wallet\.dat", r"wallet (?:file|backup file|secret)",
            r"(?:json|utc) (?:keystore|key) file",
        ),
        "seed_phrase": (
            r"(?:secret |wallet )?(?:seed|recovery|backup|mnemonic|secret|restore)[ -]"
            r"(?:phrase|words?|sentence)s?",
            r"seed ?phrases?", r"seed", r"mnemonics?", r"srp",
            r"(?:12|18|24|twelve|twenty[- ]four)[- ]words?(?: (?:phrase|seed|backup))?",
        ),
        "code": (
            # 2FA and one-time codes everywhere: "otp", "2fa code" are what every language
            # borrows, so they live here, in the list every sentence is matched against.
            r"(?:2fa|g2fa|two[- ]factor|2[- ]step|two[- ]step|mfa|tfa|authenticator|google "
            r"auth(?:enticator)?|ga|sms|otp|auth|withdrawal)[- ]?(?:codes?|pins?|"
            r"numbers?|tokens?|digits)",
            r"otps?", r"one[- ]time (?:pass)?(?:codes?|words?|passwords?|pins?)",
            r"code (?:you|we) (?:just )?(?:received|got|were sent|sent you|texted you)",
            r"code (?:from|in) (?:the |your )?(?:sms|text|email|e-mail|authenticator|google "
            r"authenticator|ga app|app)",
        ),
        "password": (
            r"(?:login |account |funds? |fund(?:ing)? |trading |withdrawal |exchange |wallet "
            r"|email |e-mail )?(?:password|passcode|passwd|pass word|pwd)s?",
            r"pin(?: code| number)?s?",
            r"(?:login|account|sign[- ]in) (?:credentials|details)", r"credentials",
        ),
    },
    "zh-CN": {
        "private_key": (r"私钥", r"密钥", r"keystore(?:文件)?", r"钱包文件"),
        "seed_phrase": (
            r"助记词", r"(?:12|24|十二|二十四)个?(?:单词|词)", r"恢复短语", r"种子短语",
        ),
        "code": (
            r"谷歌验证码", r"谷歌验证器?(?:上的)?(?:动态)?码", r"google验证码", r"短信验证码",
            r"邮箱验证码", r"动态码", r"动态口令", r"二次验证码", r"双重验证码", r"2fa验证码",
            r"安全码", r"一次性密码", r"令牌码",
        ),
        "password": (r"资金密码", r"交易密码", r"登录密码", r"支付密码", r"密码", r"pin码"),
    },
    "zh-TW": {
        "private_key": (r"私鑰", r"密鑰", r"keystore(?:檔案?)?", r"錢包檔案?"),
        "seed_phrase": (
            r"助記詞", r"(?:12|24|十二|二十四)個?(?:單字|單詞|詞)", r"恢復短語", r"種子短語",
        ),
        "code": (
            r"谷歌驗證碼", r"google驗證碼", r"簡訊驗證碼", r"短信驗證碼", r"郵箱驗證碼",
            r"動態碼", r"動態密碼", r"雙重驗證碼", r"二次驗證碼", r"2fa驗證碼", r"安全碼",
            r"一次性密碼",
        ),
        "password": (
            r"資金密碼", r"交易密碼", r"登入密碼", r"登錄密碼", r"支付密碼", r"密碼", r"pin碼",
        ),
    },
    "vi": {
        "private_key": (
            r"khóa riêng(?: tư)?", r"khoá riêng(?: tư)?", r"khóa bí mật", r"khoá bí mật",
            r"private ?key", r"key riêng", r"file keystore",
        ),
        "seed_phrase": (
            r"cụm từ (?:khôi phục|bí mật|ghi nhớ|hạt giống|dự phòng)",
            r"(?:12|24) (?:từ khóa|từ khoá|từ|chữ)(?: khôi phục| bí mật)?",
            r"từ khóa khôi phục", r"từ khoá khôi phục", r"seed(?: phrase)?",
        ),
        "code": (
            r"mã (?:xác thực|xác minh|otp|2fa|google authenticator|google|ga|bảo mật|sms|"
            r"kích hoạt|đăng nhập|gg|code)",
            # "mã trong tin nhắn sms", "code từ email": the code that came to them.
            r"(?:mã|code) (?:trong|từ|ở|gửi về|gửi đến|nhận được qua) (?:tin nhắn|sms|email|mail|"
            r"điện thoại|đt|app|ứng dụng)",
        ),
        "password": (
            r"mật khẩu(?: đăng nhập| quỹ| giao dịch| rút tiền| ví| tài khoản)?", r"mã pin",
        ),
    },
    "id": {
        "private_key": (r"kunci (?:pribadi|privat|private|rahasia)", r"file keystore"),
        "seed_phrase": (
            r"frasa (?:pemulihan|rahasia|seed|cadangan|mnemonik|sandi)",
            r"(?:12|24|dua belas|dua puluh empat) kata(?: rahasia| pemulihan| kunci)?",
            r"kata (?:rahasia|pemulihan)", r"mnemonik",
        ),
        "code": (
            r"kode (?:otp|verifikasi|2fa|google authenticator|google|ga|authenticator|sms|"
            r"keamanan|autentikasi|otentikasi|konfirmasi|aktivasi|yang (?:masuk|dikirim|diterima)"
            r"|(?:dari|di) (?:sms|email|google|authenticator|aplikasi))",
        ),
        "password": (r"kata sandi", r"sandi"),
    },
    "ru": {
        "private_key": (
            r"приватн\w* ключ\w*", r"закрыт\w* ключ\w*", r"секретн\w* ключ\w*",
            r"файл\w* кошелька", r"кейстор\w*",
        ),
        "seed_phrase": (
            r"сид[- ]?фраз\w*", r"seed[- ]?фраз\w*", r"мнемони\w*(?: фраз\w*)?",
            r"секретн\w* фраз\w*", r"фраз\w* (?:для )?восстановлени\w*",
            r"(?:12|24|двенадцать|двадцать четыре) слов\w*", r"кодов\w* фраз\w*",
        ),
        "code": (
            r"код\w* (?:подтвержден\w*|из (?:смс|sms|сообщени\w*|приложени\w*|письма|google "
            r"authenticator)|2fa|верификаци\w*|безопасност\w*|аутентификаци\w*|google "
            r"authenticator|двухфакторн\w*)",
            r"(?:смс|sms|одноразов\w*|проверочн\w*|двухфакторн\w*|2fa)[- ]?код\w*",
            r"одноразов\w* парол\w*",
            # "код, который пришёл вам в SMS": the code they were just sent.
            r"код\w*,? (?:который|что) (?:вам |тебе )?(?:пришел|пришл\w*|получили|получил\w*)",
        ),
        "password": (r"парол[ьяюе]\w*", r"пин[- ]?код\w*"),
    },
    "uk": {
        "private_key": (
            r"приватн\w* ключ\w*", r"закрит\w* ключ\w*", r"секретн\w* ключ\w*",
            r"файл\w* гаманця",
        ),
        "seed_phrase": (
            r"сід[- ]?фраз\w*", r"мнемонічн\w*(?: фраз\w*)?", r"секретн\w* фраз\w*",
            r"фраз\w* (?:для )?відновлення", r"(?:12|24|дванадцять|двадцять чотири) сл(?:ів|ова)",
        ),
        "code": (
            r"код\w* (?:підтвердження|з (?:смс|sms|повідомлення|застосунку|додатка|листа|google "
            r"authenticator)|2fa|"
            r"верифікації|безпеки|автентифікації|google authenticator|двофакторн\w*)",
            r"(?:смс|sms|одноразов\w*|двофакторн\w*|2fa)[- ]?код\w*", r"одноразов\w* парол\w*",
        ),
        "password": (r"парол[ьяюіе]\w*", r"пін[- ]?код\w*"),
    },
    "es": {
        "private_key": (
            r"(?:clave|llave)s? privadas?", r"archivo keystore",
        ),
        "seed_phrase": (
            r"frase (?:semilla|de recuperación|secreta|de respaldo|mnemónica|"
            r"de (?:12|24) palabras)",
            r"(?:12|24|doce|veinticuatro) palabras",
            r"palabras (?:semilla|de recuperación|secretas)",
            r"semilla",
        ),
        "code": (
            r"códigos? (?:de verificación|de confirmación|2fa|de 2fa|de doble factor|de "
            r"autenticación|sms|de sms|por sms|otp|de google(?: authenticator)?|del authenticator|"
            r"de seguridad|de un solo uso|que (?:te|le) (?:llegó|enviamos|mandamos))",
        ),
        "password": (
            r"contraseñas?", r"clave(?: de acceso| de fondos)?(?! (?:pública|api|de (?:la )?api))",
        ),
    },
    "pt": {
        "private_key": (r"chaves? privadas?", r"arquivo keystore"),
        "seed_phrase": (
            r"frase (?:semente|de recuperação|secreta|de backup|mnemônica|de (?:12|24) palavras)",
            r"(?:12|24|doze|vinte e quatro) palavras",
            r"palavras (?:de recuperação|secretas|semente)",
            r"semente",
        ),
        "code": (
            r"códigos? (?:de verificação|de confirmação|2fa|do 2fa|de autenticação|sms|do sms|por "
            r"sms|otp|do google(?: authenticator)?|do authenticator|de segurança|que (?:chegou|"
            r"enviamos|você recebeu))",
            r"token (?:2fa|do google|de acesso)",
        ),
        "password": (r"senhas?(?: de (?:acesso|login|saque|fundos|negociação))?",),
    },
    "fr": {
        "private_key": (r"clés? privées?", r"fichier keystore"),
        "seed_phrase": (
            r"phrases? (?:de récupération|secrète|mnémonique|de sauvegarde|de restauration|seed)",
            r"(?:12|24|douze|vingt-quatre) mots", r"mots (?:de récupération|secrets)", r"graine",
        ),
        "code": (
            r"codes? (?:de vérification|de confirmation|2fa|a2f|d'authentification|sms|reçu par "
            r"sms|otp|google authenticator|de sécurité|à usage unique|à 6 chiffres|de validation|"
            r"que vous avez reçu|reçu)",
        ),
        "password": (r"mots? de passe", r"mdp", r"code (?:pin|secret)", r"identifiants"),
    },
    "de": {
        "private_key": (
            r"private[rn]? schlüssel", r"privatschlüssel\w*", r"geheime[rn]? schlüssel",
            r"keystore(?:-datei)?", r"wallet-datei",
        ),
        "seed_phrase": (
            r"seed-?phrase\w*", r"wiederherstellungs-?(?:phrase|satz|wörter)\w*",
            r"recovery-?phrase", r"geheime (?:phrase|wörter)",
            r"(?:12|24|zwölf|vierundzwanzig) wörter", r"backup-?phrase",
        ),
        "code": (
            r"(?:2fa|sms|bestätigungs|verifizierungs|einmal|authenticator|google-authenticator|"
            r"sicherheits|freigabe|otp|tan)-?codes?",
            r"code (?:aus|von) (?:der|ihrer|dem|ihrem) (?:sms|e-mail|app|authenticator)",
            r"einmalpasswort", r"tan",
        ),
        # "Passwort-Reset", "Passwortänderung": a hyphen or more letters make it another noun.
        "password": (
            r"(?:login-?|konto-?|handels-?)?(?:passwort|kennwort)(?:es|s)?(?![\w-])",
            r"zugangsdaten", r"anmeldedaten", r"login-daten",
        ),
    },
    "tr": {
        "private_key": (r"özel anahtar\w*", r"gizli anahtar\w*", r"cüzdan dosya\w*"),
        "seed_phrase": (
            r"(?:kurtarma|gizli|yedek|anımsatıcı|tohum) (?:ifade|cümle|kelime)\w*",
            r"(?:12|24|on iki|yirmi dört) kelime\w*",
        ),
        "code": (
            r"(?:doğrulama|onay|sms|2fa|güvenlik|google authenticator|authenticator|tek "
            r"kullanımlık|otp) ?kod\w*",
            r"tek kullanımlık şifre\w*",
            # "SMS ile gelen kodu", "telefonunuza gelen kodu": the code that came to them.
            r"gelen (?:doğrulama |onay |güvenlik |sms )?kod\w*",
        ),
        # "şifrele-" is to encrypt (the FAQ's "cüzdanınızı şifreleyin").
        "password": (r"şifre(?!le)\w*+", r"parola\w*+"),
    },
    "ar": {
        "private_key": (
            r"(?:ال)?مفتاح (?:ال)?(?:خاص|سري|برايفت)\S*", r"(?:ال)?مفاتيح (?:ال)?خاصه",
            r"برايفت كي", r"ملف (?:ال)?محفظه",
        ),
        "seed_phrase": (
            r"(?:ال)?عباره (?:ال)?(?:استرداد|استرجاع|استعاده|سريه|بذور|مرور السريه)\S*",
            r"(?:ال)?كلمات (?:ال)?(?:سريه|استرداد|استرجاع|استعاده|بذور)\S*(?: ال ?\d+)?",
            r"(?:ال)?(?:12|24|اثني عشر|اثنتي عشره|اربع وعشرين) كلمه",
            r"(?:ال)?كلمات (?:ال)?(?:12|24|اثني عشر)", r"سيد فريز",
        ),
        "code": (
            r"(?:ال)?(?:رمز|كود) (?:ال)?(?:تحقق|تاكيد|مصادقه|امان|2fa|otp|sms|جوجل|google)\S*",
            r"(?:الرمز|الكود) (?:الذي|اللي|الي) (?:وصلك|وصل|استلمته|جالك)",
        ),
        "password": (
            r"كلمه (?:ال)?(?:مرور|سر)\S*", r"كلمه مرورك", r"كلمه سرك", r"(?:ال)?باسو?ورد\S*",
            r"(?:ال)?رقم (?:ال)?سري", r"رمز (?:ال)?(?:دخول|سري|pin)",
        ),
    },
    "ja": {
        "private_key": (
            r"秘密鍵", r"プライベートキー", r"キーストア(?:ファイル)?", r"ウォレットファイル",
        ),
        "seed_phrase": (
            r"シードフレーズ", r"リカバリーフレーズ", r"復元フレーズ", r"ニーモニック",
            r"秘密のフレーズ", r"バックアップフレーズ", r"(?:12|24)(?:個の)?(?:単語|ワード)",
            r"復元用の単語",
        ),
        "code": (
            r"2段階認証(?:の)?コード", r"二段階認証(?:の)?コード", r"ワンタイムパスワード",
            r"ワンタイムコード", r"smsコード",
            r"(?:google ?authenticator|グーグル認証)(?:の)?コード",
            r"セキュリティコード",
            r"(?:sms|メール|携帯|スマホ)(?:で|に)届いた.{0,6}?(?:コード|番号)",
            r"2faコード",
        ),
        "password": (r"パスワード", r"暗証番号", r"pinコード"),
    },
    "ko": {
        "private_key": (r"개인 ?키", r"프라이빗 ?키", r"비밀 ?키", r"키스토어", r"지갑 ?파일"),
        "seed_phrase": (
            r"시드 ?(?:문구|구문|단어|키|프레이즈)", r"복구 ?(?:문구|구문|단어)", r"니모닉",
            r"(?:12|24) ?(?:개의? ?)?단어", r"백업 ?문구", r"시드",
        ),
        "code": (
            r"otp ?(?:번호|코드)", r"2fa ?코드", r"2단계 ?인증 ?(?:코드|번호)",
            r"구글 ?(?:otp|인증 ?(?:코드|번호))", r"보안 ?코드", r"문자 ?인증 ?번호",
            r"sms ?코드",
        ),
        "password": (
            r"(?:출금 ?|거래 ?|로그인 ?)?비밀 ?번호", r"비번", r"패스워드", r"암호(?!화)",
            r"핀 ?번호",
        ),
    },
    "th": {
        "private_key": (r"คีย์ส่วนตัว", r"ไพรเวทคีย์", r"กุญแจส่วนตัว", r"คีย์ลับ"),
        "seed_phrase": (
            r"วลีกู้คืน", r"วลีช่วยจำ", r"ซีดเฟรส", r"วลีลับ", r"วลีสำรอง", r"คำกู้คืน",
            r"(?:12|24) ?คำ",
        ),
        "code": (
            r"รหัส ?otp", r"รหัส ?2fa", r"รหัสจาก ?(?:sms|google|แอป)", r"รหัส ?google",
            r"รหัสความปลอดภัย", r"รหัส ?sms",
        ),
        # พินัยกรรม is a will (the FAQ's "plan for your family"), not a PIN.
        "password": (r"รหัสผ่าน", r"พาสเวิร์ด", r"รหัส ?pin", r"รหัสพิน", r"พิน(?!ั)"),
    },
    "it": {
        "private_key": (r"chiav[ei] privat[ae]", r"file keystore"),
        "seed_phrase": (
            r"frase (?:di recupero|segreta|seed|mnemonica|di backup|di ripristino)",
            r"(?:12|24|dodici|ventiquattro) parole", r"parole (?:di recupero|segrete|seed)",
        ),
        "code": (
            r"codic[ei] (?:di verifica|di conferma|2fa|otp|sms|di autenticazione|google "
            r"authenticator|di google|di sicurezza|monouso|temporaneo|a 6 cifre|che (?:hai|ti è) "
            r"(?:ricevuto|arrivato))",
        ),
        "password": (r"parola d'ordine", r"codice pin", r"credenziali(?: di accesso)?"),
    },
}  # fmt: skip

# Generic names of a one-time code ("verification code", 验证码): the product's own step-up
# verification sends one and asks for it to be typed in the chat (locales/*/flows.json
# "code_sent"), so a "type it here" alone is not a request for these; "send it to me" is.
WEAK_CODES: Table = {
    "en": (
        r"(?:verification|confirmation|security|login|email|e-mail|6[- ]digit|six[- ]digit)"
        r"[- ]?codes?",
    ),
    "zh-CN": (r"验证码", r"校验码", r"确认码"),
    "zh-TW": (r"驗證碼", r"確認碼"),
    "vi": (r"mã xác nhận",),
    "ja": (r"認証コード", r"確認コード", r"認証番号", r"検証コード"),
    "ko": (r"인증 ?번호", r"인증 ?코드"),
    "th": (r"รหัสยืนยัน", r"โค้ดยืนยัน"),
}  # fmt: skip

# Short or borrowed names that mean a password only in one language's chat slang ("cho em
# xin pass", "kirim pw-nya"): they count only with a request cue of the same language.
LOCAL_SECRETS: dict[str, dict[str, tuple[str, ...]]] = {
    "vi": {"password": (r"mk", r"pass")},
    "id": {"password": (r"pw", r"pass", r"passwd")},
    "en": {"password": (r"pword",)},
}  # fmt: skip

# -- How a message asks for it ----------------------------------------------------------------
# ASK: words that mean "give it to us", counted when a secret is within a few words.

ASK: Table = {
    "en": (
        # A polite lead or a must, then a giving verb ("please send", "you need to provide").
        r"(?:please|pls|plz|kindly|can you|could you|would you|can u|could u|will you|you "
        r"(?:need|have|must|will need|'ll need|should) to|you must|need you to|go ahead and|"
        r"quickly|just|asap|now|first|simply|also)\s+(?:\w+\s+)?(?:send|give|provide|tell|"
        r"share|forward|submit|dm|pm|text|read (?:out|back|it)|reply with|drop|disclose|reveal|"
        r"hand over)",
        # The giving verb aimed at us ("send us", "share it with me").
        r"(?:send|give|tell|share|forward|provide|dm|text|email|e-mail|message|read|pass|reveal|"
        r"disclose|whatsapp|telegram)\s+(?:it\s+|them\s+|this\s+|that\s+)?(?:over\s+)?"
        r"(?:to\s+|with\s+)?(?:us|me|our (?:team|agent|support|staff|department|security team)|"
        r"the agent|your agent|support|the admin|admin)",
        r"(?:share|send|forward|provide)\b[^,]{0,50}?\b(?:with|to) (?:us|me|our (?:team|agent|"
        r"support|staff))",
        # An imperative that opens the sentence or its second half ("Send your seed phrase").
        r"^\W*(?:send|give|provide|tell|share|forward|submit|dm|text|drop|reply with)",
        r"(?<=[,:])\s*(?:send|give|provide|tell|share|forward|dm|text)",
        r"(?:reply|respond|answer)\s+(?:to this (?:message|email|chat)\s+)?with",
        r"by (?:replying|reply|return (?:email|mail))",
    ),
    "zh-CN": (
        r"发(?:送)?(?:给|到|至)?(?:我|我们|客服|这里|这边|此处|本人|咱们)",
        r"发(?:一下|过来|来|出来|上来)",
        r"(?:告诉|告知|提供|报|说|念|读|给)(?:一下|下)?(?:我|我们|客服|这边)",
        r"提供(?:一下|下)",
        r"(?:请|麻烦|需要|要|务必|赶紧|先)(?:您|你)?(?:把|将)?.{0,10}?(?:提供|告诉|告知|发送|发给|"
        r"发过来|报一下|报给|念|回复|说出|说一下|私信)",
        r"把.{0,15}?(?:发|给|告诉|提供|报|私信|截图)", r"私信(?:我|客服|给我)",
    ),
    "zh-TW": (
        r"(?:發|傳)(?:送)?(?:給|到|至)?(?:我|我們|客服|這裡|這邊|此處|本人)",
        r"(?:發|傳)(?:一下|過來|來|出來|上來)",
        r"(?:告訴|告知|提供|報|說|念|唸|讀|給)(?:一下|下)?(?:我|我們|客服|這邊)",
        r"提供(?:一下|下)",
        r"(?:請|麻煩|需要|要|務必|趕緊|先)(?:您|你)?(?:把|將)?.{0,10}?(?:提供|告訴|告知|發送|發給|"
        r"傳給|傳送|發過來|報一下|報給|念|唸|回覆|說出|說一下|私訊)",
        r"把.{0,15}?(?:發|傳|給|告訴|提供|報|私訊|截圖)", r"私訊(?:我|客服|給我)",
    ),
    "vi": (
        # The recipient is us: "gửi mã OTP cho mình", "đọc mã cho em", "nhắn qua đây".
        # "Mã đã được gửi", "sẽ gửi", "hệ thống gửi" are the product sending it to them.
        r"(?<!\bđược )(?<!\bđã )(?<!\bsẽ )(?<!\bthống )"
        r"(?:gửi|gởi|send|đọc|báo|nhắn|cung cấp|cấp|chia sẻ|"
        r"share|đưa|ib|inbox|chụp)(?:\s+\S+){0,6}?\s+(?:cho|qua|vào|lên|tới|đến|với)\s+"
        r"(?:mình|em|tôi|chúng tôi|chúng mình|bên mình|bên em|ad|admin|shop|sàn|cskh|bộ phận "
        r"hỗ trợ|nhân viên|đây|ở đây)",
        r"cho\s+(?:mình|em|chị|anh|tôi|ad|bên mình|bên em|shop|bọn mình)\s+xin",
        # The recipient right after the verb: "anh gửi em mã OTP", "đọc mình mã".
        r"(?<!\bđược )(?<!\bđã )(?<!\bsẽ )"
        r"(?:gửi|gởi|đọc|báo|nhắn|cung cấp|đưa)\s+(?:lại\s+|giúp\s+|"
        r"giùm\s+)?(?:mình|em|tôi|ad|admin|bên mình|bên em|chúng tôi)",
        r"xin (?:bạn |anh |chị |lại )?(?=mã |mật |pass|cụm |khóa |khoá |otp|seed|12 |24 |private|"
        r"key|mk\b)",
        r"(?:vui lòng|xin vui lòng|hãy|phiền (?:bạn|anh|chị)|nhờ (?:bạn|anh|chị)|làm ơn|bạn cần|"
        r"anh cần|chị cần|cần|bắt buộc)\s+(?:\S+\s+)?(?:gửi|gởi|cung cấp|đọc|báo|nhắn|chia sẻ|"
        r"đưa|send|ib)",
        r"(?<!\bđược )(?<!\bđã )(?<!\bsẽ )"
        r"(?:gửi|gởi|đọc|báo|nhắn|cung cấp)\s+(?:\S+\s+){0,5}?(?:nhé|"
        r"nha|nhá|đi|giúp|giùm|dùm|ngay)",
    ),
    "id": (
        # "dikirim", "mengirim" are other words; "kami kirim" is us sending to them.
        r"(?<!\bkami )(?<!\bkita )(?<!\bakan )(?<!\bsudah )(?<!\btelah )(?<!\bsistem )(?<!\budah )"
        r"kirim(?:kan|in|kn)?",
        r"berikan", r"(?<!\bterima )kasih(?:kan|in|tau|tahu)?", r"sebut(?:kan|in)", r"infokan",
        r"info(?:in)?(?= (?:ke )?(?:kami|saya|admin|kita|aku|cs))", r"bagikan", r"share(?:kan)?",
        r"bacakan", r"balas (?:\S+ ){0,3}?dengan", r"minta(?! maaf)",
        r"boleh (?:tau|tahu|dikirim|diinfo)",
        r"(?:mohon|tolong|harap|silakan|silahkan|bisa|boleh)\s+(?:di(?:kirim(?:kan)?|berikan|"
        r"infokan|sebutkan|bagikan|share|bacakan))",
    ),
    "ru": (
        r"пришл(?:ите|и)", r"присылайте", r"отправ(?:ьте|ь)", r"скин(?:ьте|ь)",
        r"сообщ(?:ите|и)", r"назов(?:ите|и)", r"скаж(?:ите|и)", r"укаж(?:ите|и)",
        r"продиктуй(?:те)?", r"напиш(?:ите|и)", r"перешл(?:ите|и)", r"предостав(?:ьте|ь)",
        r"дай(?:те)?", r"поделитесь", r"поделись", r"вышл(?:ите|и)", r"прочитай(?:те)?",
        r"озвуч(?:ьте|ь)",
    ),
    "uk": (
        r"надішл(?:іть|и)", r"надсилайте", r"пришл(?:іть|и)", r"відправ(?:те|ь)",
        r"скин(?:ьте|ь)", r"повідом(?:те|и)", r"назв(?:іть|и)", r"скаж(?:іть|и)",
        r"вкаж(?:іть|и)", r"продиктуй(?:те)?", r"напиш(?:іть|и)", r"перешл(?:іть|и)",
        r"надай(?:те)?", r"дай(?:те)?", r"поділіться", r"поділись", r"прочитай(?:те)?",
        r"озвуч(?:те|ь)",
    ),
    "es": (
        # Without the accent "envie" is also "envié" (I sent): only after a clitic or alone
        # at the start of a clause.
        r"envía(?:me|nos|melo|nosl[oa]s?)", r"envíe(?:me|nos)", r"mánda(?:me|nos)",
        r"mande(?:me|nos)", r"pása(?:me|nos)", r"dime", r"dinos", r"díga(?:me|nos)", r"dame",
        r"danos", r"déme", r"dénos", r"compárte(?:me|nos)", r"proporcióna(?:me|nos)",
        r"proporcione(?:nos)?", r"facilíta(?:me|nos)", r"facilíte(?:me|nos)", r"indíca(?:me|nos)",
        r"indíque(?:me|nos)", r"escríbe(?:me|nos)", r"comparta",
        r"(?<!\bte )(?<!\ble )(?<!\bya )(?<!\bse )(?<!\bles )(?<!\blo )(?<!\bla )(?<!\bque )"
        r"(?:envía|envíe|manda|"
        r"mande|comparte)(?= (?:tu|su|el|la|los|las|aquí|ahora|ya|por favor))",
        r"(?:me|nos) (?:envías|envía|mandas|manda|pasas|pasa|das|dices|compartes|proporcionas|"
        r"facilitas|indicas)",
        r"(?:puedes|podrías|puede|podría|debes|debe|tienes que|tiene que|necesitas|necesita|"
        r"por favor)\s+(?:\w+\s+)?(?:enviar|mandar|pasar|dar|decir|compartir|proporcionar|"
        r"facilitar|indicar)",
        r"respónde(?:me|nos)? con", r"responde con",
    ),
    "pt": (
        r"envie(?:-me|-nos)?", r"envia(?:-me|-nos)", r"(?:me|nos) envi[ae]", r"mande(?:-me|-nos)?",
        r"manda(?:-me|-nos| aí| ai| aqui| pra mim| pra gente)", r"(?:me|nos) mand[ae]",
        r"(?:me|nos) pass[ae]", r"passa (?:pra|para) (?:mim|nós|gente)", r"informe(?:-nos|-me)?",
        r"(?:me|nos) inform[ae]", r"forneça", r"compartilhe", r"diga(?:-nos|-me)?",
        r"(?:me|nos) (?:diga|diz|fala)", r"fala (?:pra|para) (?:mim|nós|gente)",
        r"(?:pode|poderia|consegue|você pode|vc pode|você precisa|precisa|deve|tem que|por favor)"
        r"\s+(?:me |nos )?(?:enviar|mandar|passar|informar|fornecer|compartilhar|dizer|falar)",
        r"responda com",
    ),
    "fr": (
        r"envoyez(?:-(?:nous|moi|le|la|les))?", r"envoie(?:-nous|-moi| nous| moi)",
        r"transmettez(?:-(?:nous|moi))?", r"transmets(?:-nous|-moi)",
        r"communiquez(?:-(?:nous|moi))?", r"communique(?:-nous|-moi)",
        r"donnez(?:-(?:nous|moi))?", r"donne(?:-nous|-moi)", r"fournissez(?:-(?:nous|moi))?",
        r"indiquez(?:-(?:nous|moi))?", r"partagez(?:-(?:nous|moi))?", r"dites(?:-nous|-moi)",
        r"dis(?:-nous|-moi)", r"écrivez(?:-nous|-moi)", r"file(?:-moi|-nous)",
        r"(?:veuillez|merci de|pouvez-vous|pourriez-vous|pouvez vous|pourriez vous|peux-tu|"
        r"peux tu|tu peux|vous pouvez|vous devez|il faut)\s+(?:nous |me )?(?:envoyer|"
        r"transmettre|communiquer|donner|fournir|indiquer|partager|dire|écrire|préciser)",
        r"répondez avec",
    ),
    "de": (
        # "Geben Sie ... ein" is to type it in (the product's own form), not to give it to us.
        r"geben sie(?![^,]{0,80}\bein\s*(?:[,.!?]|$))(?: uns| mir)?",
        r"(?:senden|schicken|teilen|nennen|sagen|übermitteln|schreiben|übersenden|verraten) "
        r"sie(?: uns| mir)?",
        r"schick(?:e|t)? (?:mir|uns)", r"gib (?:mir|uns)", r"sag (?:mir|uns)",
        r"nenn(?:e)? (?:mir|uns)", r"schreib(?:e)? (?:mir|uns)",
        r"bitte\s+(?:\w+\s+)?(?:senden|schicken|teilen|nennen|übermitteln|mitteilen|sagen|"
        r"schreiben|übersenden)",
        r"(?:können|könnten|würden) sie (?:uns |mir )?(?:\w+ ){0,4}?(?:senden|schicken|geben|"
        r"nennen|mitteilen|übermitteln|sagen|schreiben|teilen)",
        r"antworten sie mit",
    ),
    "tr": (
        r"gönder(?:in|iniz|ir misiniz|ebilir misiniz|sene)?", r"yolla(?:yın|yınız|r mısınız)?",
        r"ilet(?:in|iniz|ir misiniz|ebilir misiniz)",
        r"paylaş(?:ın|ınız|ır mısınız|abilir misiniz)?",
        r"ver(?:in|iniz|ir misiniz|ebilir misiniz)?",
        r"söyle(?:yin|yiniz|r misiniz|yebilir misiniz)?",
        r"yaz(?:ın|ınız|ar mısınız|abilir misiniz)", r"bildir(?:in|iniz|ir misiniz)",
        r"belirt(?:in|iniz|ir misiniz)", r"oku(?:yun|r musunuz)",
    ),
    "ar": (
        r"ارسل(?:ي|وا|ه|ها|هم|لي|لنا)?", r"ابعث(?:ي|وا|ه|ها|لي|لنا)?",
        r"ابعت(?:ي|وا|ه|ها|لي|لنا|يلي|يلنا)?", r"زود(?:نا|ني|يني|ونا)", r"اعط(?:ني|يني|نا|ينا)",
        r"عط(?:ني|يني|نا)", r"شارك(?:نا|ني|ي|ينا|يني)?", r"اكتب(?:ي|ه|ها|لي|لنا)?",
        r"اخبر(?:ني|نا|يني)", r"قل (?:لي|لنا)", r"قولي(?: لي)?", r"قلي", r"ابلغ(?:نا|ني)",
        r"بلغنا", r"واف(?:نا|ني)", r"دز(?:لي|ه|ها)?", r"طرش(?:لي)?", r"هات(?:ي)?",
        r"ممكن (?:ترسل|تبعت|تبعث|تعطيني|تقولي|تكتب|تشارك)\S*",
        r"(?:يرجي|الرجاء|رجاء|من فضلك|لو سمحت|نحتاج|نريد|محتاجين|عايزين|بدنا|نبغي|نبي|ابغي|"
        r"ابي)\s+(?:\S+\s+){0,2}?(?:ارسال|تزويد|مشارك|كتاب|اعطاء|ابلاغ|تقديم|اخبار|بعث)\S*",
    ),
    "ja": (
        r"教えて", r"お教え", r"送って", r"送信して", r"お送り(?:ください|下さい|いただ|頂)",
        r"送付して", r"ご送付", r"提供して", r"ご提供(?:ください|下さい|いただ|頂|をお願い)",
        r"お知らせ(?:ください|下さい|いただ|頂)", r"伝えて", r"お伝え(?:ください|下さい|いただ|頂)",
        r"共有して", r"ご共有", r"お聞かせ", r"読み上げて", r"返信して",
        r"ご返信(?:ください|下さい|いただ|頂)", r"ご連絡(?:ください|下さい)",
    ),
    "ko": (
        r"알려 ?주", r"알려 ?달", r"보내 ?주", r"보내 ?달", r"전달해 ?주", r"전달 ?부탁",
        r"제공해 ?주", r"말씀해 ?주", r"불러 ?주", r"공유해 ?주", r"회신해 ?주", r"적어 ?주",
        r"제출해 ?주", r"보내세요", r"알려 ?주십시오",
    ),
    "th": (
        # ส่ง alone is also "we sent it to you"; asking is ส่ง with a lead, or ส่ง…มาให้เรา.
        r"(?:กรุณา|โปรด|ช่วย|รบกวน|ต้อง|รีบ)(?:ทำการ)?(?:ส่ง|แจ้ง|บอก|แชร์|อ่าน)",
        r"ส่ง.{0,30}?มาให้(?:เรา|ทาง|แอดมิน|เจ้าหน้าที่|ผม|ดิฉัน|หนู|พี่|น้อง)",
        r"ส่งให้(?:เรา|ทาง|แอดมิน|เจ้าหน้าที่|ผม|ดิฉัน|หนู|พี่|น้อง)",
        r"แจ้ง(?:รหัส|มา|ให้|เรา|ทาง)", r"บอก(?:รหัส|มา|ให้|เรา|ผม|พี่|หนู)",
        r"(?<!กด)ขอ(?:รหัส|เลข|คำ|วลี|คีย์|ทราบ)", r"แชร์\S{0,15}?(?:ให้|มา)",
        r"อ่าน\S{0,15}?ให้(?:ฟัง)?", r"ให้รหัส",
    ),
    "it": (
        r"inviaci", r"inviami", r"invia(?:ce|me)l[oaie]", r"mandaci", r"mandami", r"dacci",
        r"dammi", r"(?:ci|mi) dia", r"dicci", r"dimmi", r"(?:ci|mi) dica", r"comunicaci",
        r"comunicami", r"(?:ci|mi) comunichi", r"forniscici", r"(?:ci|mi) fornisca",
        r"condividi con (?:noi|me)", r"scrivici", r"scrivimi",
        r"(?<!\bti )(?<!\ble )(?<!\bsistema )(?<!\bsi )(?:invia|manda|fornisci|condividi|comunica)"
        r"(?= (?:il|la|i|le|qui|ora|subito|per favore))",
        r"(?:puoi|potresti|può|potrebbe|devi|deve|per favore|ti chiediamo di|le chiediamo di)\s+"
        r"(?:\w+\s+)?(?:inviar|mandar|dar|dir|comunicar|fornir|condivider|scriver)\w*",
    ),
}  # fmt: skip

# ASK_NEAR: asking only when the secret comes right after (or before): questions ("what is
# your ...") and needs ("we need your ...").
ASK_NEAR: Table = {
    "en": (
        r"what(?:'s| is|s| was|re| are)\s+(?:your|ur|the)",
        r"(?:we|i)(?: will| would|'ll|'d)? (?:need|require|want)(?: to (?:see|have|get|check|"
        r"verify|know))? (?:your|ur|the)",
        r"(?:can|could|may) (?:i|we) (?:have|get|see|know|ask for|check)(?: your| ur| the)?",
        r"let (?:me|us) (?:know|have|see)(?: your| ur| the)?", r"confirm (?:your|ur)",
    ),
    "zh-CN": (r"是多少", r"是什么", r"是啥", r"多少"),
    "zh-TW": (r"是多少", r"是什麼", r"是啥", r"多少"),
    "vi": (r"(?:của\s+(?:bạn|anh|chị|em|a|c)\s+)?là\s+(?:gì|bao nhiêu|mấy|số mấy)", r"bao nhiêu"),
    "id": (
        # -nya is glued to the secret's name ("passwordnya berapa"): the cue takes the word.
        r"\w+nya\s+(?:dong|donk|ya\s+(?:kak|kk|gan|bro|sis|bang|min)|berapa)", r"dong", r"donk",
        r"(?:anda|kamu|mu|lu|lo)\s+berapa", r"berapa\s+(?=kode|pin|password|sandi|otp|pw)",
    ),
    "ru": (
        # "Какой" alone is "which" and "any": the question is about theirs.
        r"как(?:ой|ая|ое|ие) (?:у вас|у тебя|ваш\w*|твой|твоя)(?: ваш\w*)?",
        r"(?:нам )?нуж(?:ен|на|но|ны) (?:ваш\w*|твой|твоя)", r"требуется ваш\w*",
    ),
    "uk": (
        r"як(?:ий|а|е|і) (?:у вас|у тебе|ваш\w*|твій|твоя)(?: ваш\w*)?",
        r"(?:нам )?потрібн(?:ий|а|о|і) (?:ваш\w*|твій|твоя)",
    ),
    "es": (r"cuál es (?:tu|su|el|la)", r"necesit(?:o|amos) (?:tu|su|el|la)"),
    "pt": (
        r"qual (?:é |e |eh )?(?:o |a )?(?:seu|sua|teu|tua)",
        r"precis(?:o|amos) d[oa] (?:seu|sua)",
    ),
    "fr": (
        r"quel(?:le)? est (?:votre|ton|ta|le|la)", r"confirmez(?:-nous)? (?:votre|vos|ton|ta)",
        r"(?:nous avons|j'ai) besoin de (?:votre|ton|ta|vos)",
    ),
    "de": (
        r"wie lautet (?:ihr|ihre|dein|deine|der|die|das)",
        r"(?:wir brauchen|wir benötigen|ich brauche|ich benötige) (?:ihr|ihre|ihren|dein|deine|"
        r"deinen|den|die|das)",
        r"bestätigen sie (?:uns )?(?:ihr|ihre|ihren)",
    ),
    "tr": (r"nedir", r"neydi", r"ne\s*(?:\?|$)"),
    "ar": (
        r"ما هو", r"ما هي", r"شو", r"ايش", r"وش", r"ايه", r"نحتاج(?: الي)?", r"نريد", r"محتاجين",
        r"عايزين", r"بدنا", r"نبغي", r"ابغي", r"ابي",
    ),
    "ja": (r"(?:は|を)?(?:何ですか|なんですか|何でしょうか|なに)",),
    "ko": (r"(?:이|가|은|는)?\s*(?:무엇|뭐|몇)(?:인가요|예요|에요|입니까|야|죠|번)",),
    "th": (r"คืออะไร", r"อะไร", r"เท่าไร", r"เท่าไหร่"),
    "it": (
        r"qual è (?:il|la) (?:tuo|tua|suo|sua)", r"confermaci (?:il|la) (?:tuo|tua)",
        r"(?:abbiamo|ho) bisogno (?:del|della|dei) (?:tuo|tua|tuoi|suo|sua)",
        r"(?:ci|mi) serve (?:il|la) (?:tuo|tua)",
    ),
}  # fmt: skip

# ASK_ENTRY: "type it here / in this chat". A request for a password or a seed phrase; for a
# generic verification code it is what the product's own step-up verification says.
ASK_ENTRY: Table = {
    "en": (
        r"(?:enter|type|paste|input|put|write|fill in|key in|post|drop)\b[^,]{0,50}?\b(?:here|"
        r"below|in (?:this|the|our) (?:chat|conversation|thread|chat ?box|chat window|message)|"
        r"in your (?:reply|answer|next message)|(?:on|at|in|via|into|through) (?:this|the "
        r"following|the below) (?:link|site|website|page|form|url)|https?://\S*)",
    ),
    "zh-CN": (
        r"(?:在此|在这里|这里|聊天框?|对话框|此处)(?:中|里)?(?:输入|填写|回复|发送)",
        r"(?:输入|填写|回复|发送)(?:到|在)(?:这里|此处|聊天|对话框)",
    ),
    "zh-TW": (
        r"(?:在此|在這裡|這裡|聊天框?|對話框|此處)(?:中|裡)?(?:輸入|填寫|回覆|傳送)",
        r"(?:輸入|填寫|回覆|傳送)(?:到|在)(?:這裡|此處|聊天|對話框)",
    ),
    "vi": (
        r"(?:nhập|điền|ghi|gõ|dán|paste)\s+(?:\S+\s+){0,6}?(?:vào đây|tại đây|ở đây|vào khung "
        r"chat|trong chat|vào chat|qua chat|dưới đây|bên dưới)",
    ),
    "id": (
        r"(?:tulis|ketik|tempel|masukkan)(?:kan)?\s+(?:\S+\s+){0,6}?(?:di sini|disini|di chat|"
        r"di kolom chat|ke chat|di bawah)",
    ),
    "ru": (
        r"(?:введите|напишите|вставьте)\s+(?:\S+\s+){0,5}?(?:сюда|здесь|в чат|в этот чат|"
        r"в ответ\w*|ниже)",
    ),
    "uk": (
        r"(?:введіть|напишіть|вставте)\s+(?:\S+\s+){0,5}?(?:сюди|тут|у чат|в чат|у відповід\w*|"
        r"нижче)",
    ),
    "es": (
        r"(?:escribe|escríbelo|escríbela|escriba|ingresa|ingrese|introduce|introduzca|pega|pegue|"
        r"pon|ponga)\s+(?:\S+\s+){0,6}?(?:aquí|acá|en (?:el|este) chat|en (?:la|esta) "
        r"conversación|por aquí|abajo)",
    ),
    "pt": (
        r"(?:digite|escreva|cole|coloque|insira|informe)\s+(?:\S+\s+){0,6}?(?:aqui|no chat|"
        r"neste chat|nesta conversa|abaixo|por aqui)",
    ),
    "fr": (
        r"(?:saisissez|tapez|entrez|écrivez|collez|saisis|tape|entre|colle)(?:-le|-la)?\s+"
        r"(?:\S+\s+){0,6}?(?:ici|dans (?:le|ce) chat|dans (?:la|cette) conversation|en réponse|"
        r"ci-dessous)",
    ),
    "de": (
        r"(?:geben sie|tippen sie|schreiben sie|fügen sie|gib|tipp|schreib)\s+(?:\S+\s+){0,6}?"
        r"(?:hier|im chat|in diesem chat|in den chat|unten)",
    ),
    "tr": (
        r"(?:buraya|sohbete|chate|sohbet penceresine|aşağıya)\s+(?:\S+\s+){0,3}?(?:yazın|"
        r"yazınız|girin|giriniz|yapıştırın|yaz|gir)",
    ),
    "ar": (
        r"(?:اكتب|ادخل|الصق|ضع|حط)\S*\s+(?:\S+\s+){0,5}?(?:هنا|في (?:المحادثه|الدردشه|الشات|الرد))",
    ),
    "ja": (
        r"(?:ここ|こちら|チャット|本チャット)(?:に|で|へ|欄に)"
        r"(?:入力|記入|貼り付け|送信|返信)",
    ),
    "ko": (r"(?:여기|이곳|채팅창|채팅|대화창)(?:에|에서|으로|로)?\s*(?:입력|적어|써|붙여)",),
    "th": (r"(?:พิมพ์|กรอก|วาง)\S{0,20}?(?:ในแชท|ที่นี่|ตรงนี้|ในช่องแชท)",),
    "it": (
        r"(?:scrivi|scriva|inserisci|inserisca|digita|digiti|incolla|incolli)\s+(?:\S+\s+){0,6}?"
        r"(?:qui|in chat|nella chat|in questa chat|qui sotto|in risposta)",
    ),
}  # fmt: skip

# -- Warnings: a sentence with one of these is not a request ---------------------------------
# Bare negators where the language allows it, minus the idioms scammers lean on ("don't
# worry", "don't forget to send"). Vietnamese "không" ends every yes/no question ("gửi mã cho
# mình được không?") and unaccented "dung" is "use", "right" and "don't" at once, so both
# appear only in fixed phrases.

NEGATION: Table = {
    "en": (
        r"never", r"nobody", r"no[- ]one", r"not", r"neither", r"nor", r"cannot",
        r"(?:don'?t|do not)(?! (?:forget|hesitate|worry|delay|wait))",
        r"(?:won|can|didn|doesn|shouldn|mustn|isn|aren|wasn|haven)'?t",
    ),
    "zh-CN": (
        r"不(?!好意思|然|客气|用担心|要担心|便|少)", r"勿", r"别(?!人|担心|着急|的)", r"没有",
        r"没",
        r"未(?!来)", r"禁止", r"绝不",
    ),
    "zh-TW": (
        r"不(?!好意思|然|客氣|用擔心|要擔心|便|少)", r"勿", r"別(?!人|擔心|著急|的)", r"沒有",
        r"沒",
        r"未(?!來)", r"禁止", r"絕不",
    ),
    "vi": (
        r"không bao giờ", r"chưa bao giờ", r"(?:ko|k|kh|hông|hong) bao giờ", r"tuyệt đối không",
        r"tuyệt đối ko",
        r"đừng (?:bao giờ|chia sẻ|gửi|gởi|cung cấp|tiết lộ|đưa|cho ai|báo|đọc|nhắn|nhập|bấm|nhấn|"
        r"click|truy cập|làm theo|tin|để lộ|chụp|share)",
        r"(?:không|ko) (?:được|nên|cần|phải|yêu cầu|hỏi|đòi|gửi|gởi|chia sẻ|cung cấp|tiết lộ|đưa|"
        r"cho ai|ai|một ai)",
        r"nghiêm cấm", r"cấm (?:chia sẻ|gửi|cung cấp)",
    ),
    "id": (
        r"jangan(?! (?:khawatir|lupa|ragu|sungkan|cemas|panik))",
        r"(?:tidak|tdk|tak|gak|ga|gk|nggak|ngga|enggak|kagak) (?:pernah|akan|boleh|perlu|"
        r"meminta|minta|menanyakan)",
        r"dilarang", r"siapa ?pun",
    ),
    "ru": (
        r"никогда", r"никому", r"ни в коем случае", r"ни при каких",
        r"не(?! (?:волнуйтесь|переживайте|беспокойтесь|забудьте|стесняйтесь|медлите|"
        r"теряйте времени))",
        r"нельзя", r"запрещ\w*",
    ),
    "uk": (
        r"ніколи", r"нікому", r"ні в якому разі",
        r"не(?! (?:хвилюйтеся|хвилюйтесь|переживайте|турбуйтеся|забудьте|соромтеся))",
        r"заборон\w*",
    ),
    "es": (
        r"nunca", r"jamás", r"nadie", r"ningún", r"ninguna", r"ninguno", r"ni",
        r"no(?! (?:te|se|os) (?:preocupes|preocupe|olvides|olvide)| olvides| olvide| dudes| dude|"
        r" tardes| tarde| esperes)",
    ),
    "pt": (
        r"nunca", r"jamais", r"ninguém", r"nenhum", r"nenhuma", r"nem",
        r"não(?! (?:se preocupe|esqueça|esquece|hesite|demore|deixe de))",
    ),
    "fr": (
        r"jamais", r"aucun(?:e)?", r"ni",
        r"ne(?! vous inquiétez| t'inquiète| vous en faites)", r"n'(?!hésitez|hésite|oubliez)",
        r"(?<!\bhésitez )(?<!\bhésite )(?<!\boubliez )(?<!\binquiétez )pas",
    ),
    "de": (
        r"nie", r"niemals", r"niemand", r"kein(?:e|en|er|em|es)?(?! sorge| problem)",
        r"(?<!\bzögern sie )(?<!\bvergessen sie )nicht",
    ),
    "tr": (
        r"asla", r"hiçbir", r"hiç kimse", r"kimse\w*", r"değil",
        # Negative imperatives and present tenses: "paylaşmayın", "istemeyiz", "sormuyoruz".
        r"\w+m(?:ayın|eyin|ayınız|eyiniz)", r"\w+m(?:ıyor|iyor|uyor|üyor)\w*", r"\w+m(?:az|ez)",
        r"\w+m(?:ayız|eyiz|ayacağız|eyeceğiz)",
    ),
    "ar": (
        r"لا(?!\s+(?:تقلق|تقلقي|تخف|تخاف|تتردد|تنس))", r"لن", r"لم", r"ليس", r"ابدا", r"مطلقا",
        r"اياك", r"حذار", r"احذر", r"ممنوع", r"يمنع", r"يحظر", r"مش", r"ماتبعت\S*", r"متبعت\S*",
        r"ما (?:نطلب|بنطلب|راح نطلب|نسال|تشارك|ترسل|تبعت)\S*",
    ),
    "ja": (
        r"決して", r"絶対に", r"ないで", r"(?<!申し訳あり)(?<!申し訳ござい)ません(?!か)", r"禁止",
        r"厳禁", r"お控え", r"しないよう", r"必要はありません",
    ),
    "ko": (
        r"절대", r"않", r"(?<!걱정하지 )(?<!걱정 )마세요", r"마십시오", r"말아", r"금지",
        r"안 ?됩니다", r"안 ?돼", r"없(?:습니다|어요|음)",
    ),
    "th": (r"ห้าม", r"อย่า(?!ง|ลืม)", r"ไม่(?!ต้องกังวล|ต้องห่วง|ต้องเป็นห่วง)", r"มิได้"),
    "it": (
        r"mai", r"nessuno", r"nessuna", r"niente", r"né", r"neanche", r"nemmeno",
        r"non(?! (?:esitare|esiti|preoccuparti|si preoccupi|dimenticare|dimentichi))",
    ),
}  # fmt: skip

# -- Not the secret itself --------------------------------------------------------------------
# What, right before a secret's name, makes it something else: "reset your password" is a
# procedure, "新密码" one they choose, "获取验证码" a button. Matched against the text just
# before the name (the fragment must end where the name starts).
BEFORE_NAME: Table = {
    "en": (
        r"\b(?:reset|resets|resetting|change|changing|changed|forgot|forgotten|new|update|"
        r"updated|recover|set|set up|setup|create|strong|weak|enable|disable|enabled|disabled|"
        r"lost|bind|unbind|link|activate|turn on|turn off|remember|store|keep|write down|back "
        r"up|protect|encrypt|generate|generated|regenerate)(?: (?:your|ur|the|a|my|his|her|"
        r"their|new))?\s+$",
    ),
    "zh-CN": (
        r"(?:重新发送|重发|获取|重置|修改|更改|忘记|找回|设置|绑定|解绑|开启|关闭|启用|新|"
        r"保管|备份|生成)(?:的|您的|你的|一个)?$",
    ),
    "zh-TW": (
        r"(?:重新發送|重發|獲取|取得|重設|重置|修改|更改|忘記|找回|設定|綁定|解綁|開啟|關閉|"
        r"啟用|新|保管|備份|產生)(?:的|您的|你的|一個)?$",
    ),
    "vi": (
        r"\b(?:đặt lại|đổi|thay đổi|quên|lấy lại|tạo|cài đặt|bật|tắt|kích hoạt|liên kết|khôi "
        r"phục|nhận|lưu|sao lưu|bảo vệ|ghi lại)\s+$",
        r"\b(?:trang|màn hình|mục|phần|liên kết|cài đặt)\s+$",  # not "ô": folded, it is "o"
    ),
    "id": (
        r"\b(?:reset|atur ulang|setel ulang|ubah|ganti|lupa|buat|aktifkan|nonaktifkan|pulihkan|"
        r"terima|simpan|cadangkan|lindungi)(?: (?:kembali|ulang))?\s+$",
        r"\b(?:halaman|layar|kolom|tautan|menu|pengaturan)\s+$",
    ),
    "ru": (
        r"(?:сброс\w*|смен\w*|измен\w*|восстановлени\w*|восстанов\w*|забыли|забыл\w*|"
        r"установ\w*|нов\w*|включ\w*|отключ\w*|подключ\w*|привяз\w*|получ\w*|сохран\w*|храните|"
        r"страниц\w*|экран\w*|пол[еяю]|ссылк\w*|настройк\w*|ввод\w*)"
        r"(?: (?:ваш\w*|свой|свою|свои))?\s+$",
    ),
    "uk": (
        r"(?:скид\w*|скин\w*|змін\w*|відновлен\w*|віднов\w*|забули|забув\w*|встанов\w*|нов\w*|"
        r"увімкн\w*|вимкн\w*|прив'яз\w*|отрим\w*|збереж\w*|зберігайте|сторінк\w*|екран\w*|пол[еяю]|"
        r"посиланн\w*|налаштуванн\w*|введенн\w*)(?: (?:ваш\w*|свій|свою))?"
        r"\s+$",
    ),
    "es": (
        r"\b(?:restablecer|restablece|restablecimiento de|cambiar|cambia|cambio de|olvidaste|"
        r"olvidó|nueva|nuevo|recuperar|crear|crea|activar|activa|desactivar|guarda|guardar|"
        r"proteger)(?: (?:la|tu|su|el|una))?\s+$",
        # "la pantalla de contraseña": the name says which screen, it is not asked for.
        r"\b(?:pantalla|página|campo|enlace|link|menú|sección|ajustes|configuración) (?:de|del) "
        r"(?:la |tu |su )?$",
    ),
    "pt": (
        r"\b(?:redefinir|redefina|redefinição de|alterar|altere|trocar|troque|mudar|esqueceu|"
        r"esqueci|nova|novo|recuperar|criar|crie|ativar|ative|desativar|guardar|guarde|proteger)"
        r"(?: (?:a|sua|seu|o|uma))?\s+$",
        r"\b(?:tela|página|campo|link|menu|seção|configurações) (?:de|da|do) (?:sua |seu )?$",
    ),
    "fr": (
        r"\b(?:réinitialiser|réinitialisez|réinitialisation du|réinitialisation de (?:votre|la)|"
        r"changer|changez|modifier|modifiez|oublié|nouveau|nouvelle|récupérer|créer|créez|"
        r"activer|activez|désactiver|conservez|gardez|protégez)(?: (?:le|la|votre|du|de|un|une|"
        r"vos|les))?\s+$",
        r"\b(?:page|écran|champ|lien|menu|rubrique|paramètres) (?:de|du|des) (?:votre |vos )?$",
    ),
    "de": (r"\b(?:neue[snr]?|ihr neues|aktuelle[snr]?)\s+$",),
    "tr": (r"\b(?:yeni|güçlü)\s+$",),
    "ar": (
        r"(?:اعاده تعيين|تغيير|نسيت|استعاده|انشاء|تفعيل|تعطيل|حفظ|احفظ)\s+$",
        r"(?:صفحه|شاشه|رابط|حقل|خانه|اعدادات)\s+$",
    ),
    "ja": (r"(?:新しい|新規|強力な)$",),
    "ko": (r"(?:새|새로운|새 )\s*$",),
    "th": (r"(?:รีเซ็ต|เปลี่ยน|ลืม|ตั้ง|สร้าง|เปิดใช้|ปิดใช้|ขอ|รับ|เก็บ|บันทึก|หน้า|ช่อง|เมนู)$",),
    "it": (
        r"\b(?:reimpostare|reimposta|cambiare|cambia|modificare|modifica|dimenticato|"
        r"dimenticata|nuova|nuovo|recuperare|creare|crea|attivare|attiva|disattivare|conserva|"
        r"proteggi)(?: (?:la|il|tua|tuo|una|un))?\s+$",
        r"\b(?:pagina|schermata|campo|link|menu|sezione|impostazioni) (?:della|del|di) "
        r"(?:tua |tuo )?$",
    ),
}  # fmt: skip

# The same, right after the name: "password reset", "Passwort zurücksetzen", "パスワードを変更".
AFTER_NAME: Table = {
    "en": (
        r"^\s*(?:reset|resets|change|changes|manager|recovery|field|page|strength|requirements?|"
        r"rules|policy|hint|expired|link|screen|settings?|form|was|has been|is (?:reset|changed|"
        r"wrong|incorrect|expired|invalid)|generator|protection)\b",
    ),
    "de": (
        r"^\s*(?:zurück(?:zu)?setzen|zurückgesetzt|ändern|geändert|vergessen|wurde|ist|"
        r"wiederherstellen|festlegen|erstellen)\b",
    ),
    "tr": (
        r"^\s*(?:sıfırla|değiştir|oluştur|belirle|yenile|unuttum|unuttu|sayfa|ekran|alan|"
        r"bağlantı|ayar)\w*",
    ),
    "ja": (r"^(?:を|の)?(?:変更|リセット|再設定|忘れ|設定|管理|が|画面|ページ|欄|入力欄)",),
    "ko": (r"^\s*(?:를|을|의)?\s*(?:재설정|변경|초기화|잊|설정|분실|화면|페이지|입력란|칸)",),
    "ru": (r"^\s*(?:сброшен|изменен|был|была|устарел|неверн)\w*",),
    "uk": (r"^\s*(?:скинут|змінен|був|була|невірн)\w*",),
    "zh-CN": (r"^(?:已|已经|重置|修改|错误|过期|失效|页面|界面|输入框|设置)",),
    "zh-TW": (r"^(?:已|已經|重設|重置|修改|錯誤|過期|失效|頁面|介面|輸入框|設定)",),
    "th": (r"^(?:ใหม่|ไม่ถูกต้อง|หมดอายุ)",),
}  # fmt: skip

# Between an ask that comes first and the secret after it, a condition or a time clause means
# the ask was about something else: "please tell us if you changed your password". A secret
# named inside such a clause before the ask is not asked for either ("if you forgot your
# password, send us a screenshot"). Purpose clauses ("to verify", "чтобы", "のため") are how
# the scam itself is worded, so they are not here.
CLAUSE: Table = {
    "en": (r"\b(?:if|when|whenever|whether|once|after|before|until|unless)\b",),
    "vi": (r"\b(?:nếu|khi|sau khi|trước khi)\b",),
    "id": (r"\b(?:jika|kalau|kalo|apabila|ketika|setelah|sebelum)\b",),
    "ru": (r"(?<!\w)(?:если|когда|после того|перед тем|как только|пока)(?!\w)",),
    "uk": (r"(?<!\w)(?:якщо|коли|після того|перед тим|як тільки|поки)(?!\w)",),
    "es": (r"\b(?:si|cuando|después de|antes de|en cuanto)\b",),
    "pt": (r"\b(?:se|quando|depois de|antes de|assim que|caso)\b",),
    "fr": (r"\b(?:si|quand|lorsque|après|avant|dès que)\b",),
    "de": (r"\b(?:wenn|falls|sobald|nachdem|bevor|ob)\b",),
    "it": (r"\b(?:se|quando|dopo|prima|appena)\b",),
    "tr": (r"\b(?:eğer|ise|sonra|önce)\b",),
    "ar": (r"(?<!\w)(?:اذا|عندما|لو|بعد|قبل)(?!\w)",),
    "zh-CN": (r"(?:如果|若|假如|之后|以后|之前)",),
    "zh-TW": (r"(?:如果|若|假如|之後|以後|之前)",),
    "ja": (r"(?:場合|たら|れば|後で|前に)",),
    "ko": (r"(?:경우|시면|하면|으면|다면)",),
    "th": (r"(?:ถ้า|หาก|เมื่อ|หลังจาก)",),
}  # fmt: skip

# Courtesy words that may sit between an ask and the secret, between commas: "пришлите,
# пожалуйста, код", "envíanos, por favor, tu contraseña".
POLITE: tuple[str, ...] = (
    r"please", r"pls", r"kindly", r"пожалуйста", r"будь ласка", r"por favor", r"s'il vous plaît",
    r"s'il te plaît", r"bitte", r"lütfen", r"per favore", r"mohon", r"tolong", r"vui lòng",
    r"من فضلك", r"لو سمحت", r"رجاء", r"请", r"請", r"麻烦", r"麻煩", r"กรุณา", r"โปรด",
)  # fmt: skip

# -- Money moved out of the account ------------------------------------------------------------
# MOVE: a transfer verb in the form of a request ("please transfer", "переведите",
# "chuyển ngay"). A statement of what happened ("your withdrawal to 0x... completed") has none.

MOVE: Table = {
    "en": (
        r"(?:please|pls|plz|kindly|you (?:need|have|must|should) to|you must|need you to|"
        r"immediately|urgently|now|just|quickly|asap|first|go ahead and)\s+(?:\w+\s+)?(?:send|"
        r"transfer|move|deposit|withdraw)",
        r"^\W*(?:send|transfer|move|deposit|withdraw)",
        r"(?<=[,:])\s*(?:send|transfer|move|withdraw)",
    ),
    "zh-CN": (
        r"(?:请|麻烦|马上|立即|尽快|立刻|需要|务必|赶紧|赶快|先)(?:您|你)?.{0,12}?"
        r"(?:转账|转移|转入|转到|"
        r"转出|转|发送|提币|提现|打币|打)",
    ),
    "zh-TW": (
        r"(?:請|麻煩|馬上|立即|盡快|立刻|需要|務必|趕緊|趕快|先)(?:您|你)?.{0,12}?"
        r"(?:轉帳|轉移|轉入|轉到|"
        r"轉出|轉|發送|提幣|提領|打幣|打)",
    ),
    "vi": (
        r"(?:vui lòng|xin vui lòng|hãy|bạn cần|bạn phải|cần|phải|nhanh chóng|lập tức|ngay)\s+"
        r"(?:\S+\s+)?(?:chuyển|gửi|nạp|rút|di chuyển)",
        r"(?:chuyển|rút)\s+(?:\S+\s+){0,8}?(?:ngay|gấp|nhé|nha|đi)\b",
    ),
    "id": (
        r"(?:silakan|silahkan|mohon|harap|segera|tolong|wajib|harus|perlu|langsung|buruan|"
        r"cepat|cepetan)\s+(?:\S+\s+)?(?:kirim|transfer|pindahkan|pindah|setor|tarik|kirimkan|"
        r"kirimin|transferin|pindahin)",
        r"^\W*(?:kirim|transfer|pindahkan|tarik|kirimin|transferin|pindahin)",
    ),
    "ru": (
        # Imperfective imperatives too: "переводите все средства".
        r"переводите", r"отправляйте", r"выводите", r"перечисляйте",
        r"перевед(?:ите|и)", r"отправ(?:ьте|ь)", r"перечисл(?:ите|и)", r"пришл(?:ите|и)",
        r"вывед(?:ите|и)", r"перемест(?:ите|и)", r"скин(?:ьте|ь)", r"закин(?:ьте|ь)",
        r"(?:нужно|необходимо|срочно|следует) (?:\w+ )?(?:перевести|отправить|вывести|переместить)",
    ),
    "uk": (
        # Imperfective imperatives too: "переказуйте всі кошти".
        r"переказуйте", r"переводьте", r"відправляйте", r"виводьте", r"надсилайте",
        r"перевед(?:іть|и)", r"перекаж(?:іть|и)", r"надішл(?:іть|и)", r"відправ(?:те|ь)",
        r"вивед(?:іть|и)", r"перемест(?:іть|и)", r"скин(?:ьте|ь)", r"перерах(?:уйте|уй)",
        r"(?:потрібно|необхідно|терміново) (?:\w+ )?(?:перевести|надіслати|вивести|перемістити)",
    ),
    "es": (
        r"transfier[ae]", r"mueve", r"mueva", r"deposit[ae]", r"retir[ae]", r"envía", r"envíe",
        r"(?:por favor|debes|debe|necesitas|necesita|tienes que|tiene que)\s+(?:\w+\s+)?"
        r"(?:transferir|enviar|mover|depositar|retirar|mandar)",
    ),
    "pt": (
        # Not "saque": it is the imperative of sacar, and far more often the noun (a withdrawal).
        r"transfir[ae]", r"transfere", r"mova", r"deposite", r"envie", r"mande",
        r"(?:por favor|você precisa|precisa|deve|tem que)\s+(?:\w+\s+)?(?:transferir|enviar|mover|"
        r"depositar|sacar|mandar)",
    ),
    "fr": (
        r"transférez", r"transfère", r"envoyez", r"déplacez", r"déposez", r"retirez", r"virez",
        r"(?:veuillez|vous devez|il faut|merci de)\s+(?:\w+\s+)?(?:transférer|envoyer|déplacer|"
        r"déposer|retirer|virer)",
    ),
    "de": (
        r"(?:überweisen|senden|schicken|transferieren|verschieben|übertragen|zahlen) sie",
        r"bitte\s+(?:\w+\s+)?(?:überweisen|senden|schicken|transferieren|verschieben|übertragen)",
        r"(?:müssen|sollten) (?:sie )?(?:\w+ ){0,5}?(?:überweisen|senden|schicken|transferieren|"
        r"verschieben|übertragen)",
    ),
    "tr": (
        r"gönder(?:in|iniz)", r"transfer ed(?:in|iniz)", r"aktar(?:ın|ınız)", r"yatır(?:ın|ınız)",
        r"çek(?:in|iniz)", r"taşı(?:yın|yınız)", r"yolla(?:yın|yınız)",
        r"lütfen\s+(?:\S+\s+){0,4}?(?:gönder|transfer et|aktar|yatır|taşı|yolla)",
    ),
    "ar": (
        # حوّل alone is also "about"; followed by what is moved it is "transfer".
        r"حول (?:كل|جميع|كامل|رصيد|اموال|الاموال|المبلغ|العملات|اصول)",
        r"(?:قم|قومي) ب(?:تحويل|ارسال|نقل|ايداع)", r"(?:يرجي|الرجاء|رجاء|يجب|لازم|من فضلك)\s+"
        r"(?:\S+\s+)?(?:تحويل|ارسال|نقل|ايداع|تحول|ترسل|تنقل)", r"حول(?:ها|ه|ي|وا)",
        r"ارسل(?:ي|وا|ها)?", r"انقل(?:ي|وا|ها)?", r"ابعث(?:ي)?", r"ابعت(?:ي)?", r"اودع",
    ),
    "ja": (
        r"(?:送金し|送付し|移動し|入金し|出金し|振り込ん|送っ|移し)て(?:ください|下さい|くだ)",
        r"(?:送金|移動|送付|振込)を?お願い",
    ),
    "ko": (
        r"(?:보내|송금해|이체해|옮겨|입금해|출금해|전송해) ?주",
        r"(?:보내|송금하|이체하|옮기|입금하|"
        r"출금하|전송하)세요",
    ),
    "th": (
        r"(?:กรุณา|โปรด|ช่วย|ต้อง|รีบ|ขอให้)(?:ทำการ)?(?:โอน|ส่ง|ย้าย|ฝาก|ถอน)",
        r"(?:โอน|ย้าย)\S{0,40}?(?:ด่วน|ทันที)",
    ),
    "it": (
        r"trasferisci", r"trasferite", r"sposta", r"spostate", r"deposita", r"preleva",
        r"(?<!\bti )(?<!\bsi )(?:invia|manda)", r"inviate", r"mandate",
        r"(?:per favore|devi|deve|dovete|è necessario)\s+(?:\w+\s+)?(?:trasferire|inviare|"
        r"spostare|depositare|prelevare|mandare)",
    ),
}  # fmt: skip

# Where to: an address they are given, not one they own.
DESTINATION: Table = {
    "en": (
        r"(?:this|that|the following|the below|below|our|the given|the provided) (?:\w+ )?"
        r"(?:address|wallet)", r"(?:address|wallet) below",
        r"(?:a|the|this|our) (?:new |separate |)(?:safe|secure|secured|protected|safety|security|"
        r"backup|verified|official|temporary|holding|escrow|recovery|new)(?: \w+)? "
        r"(?:wallet|address)",
    ),
    "zh-CN": (
        r"(?:这个|此|以下|下面的?|该|如下|指定的?)(?:地址|钱包)",
        r"(?:安全|保护|新|备用)(?:钱包|地址)",
    ),
    "zh-TW": (
        r"(?:這個|此|以下|下面的?|該|如下|指定的?)(?:地址|錢包)",
        r"(?:安全|保護|新|備用)(?:錢包|地址)",
    ),
    # Whole phrases: folded, "ví" (wallet) is "vì" (because), and "này", "sau", "mới" are
    # everyday words.
    "vi": (
        r"(?:ví|địa chỉ|địa chỉ ví) (?:này|sau đây|bên dưới|dưới đây|an toàn|bảo mật|mới|dự "
        r"phòng)",
    ),
    "id": (
        r"(?:alamat|dompet|wallet)(?: \S+)? (?:ini|berikut|di bawah|aman|yang aman|baru|"
        r"penampung|sementara|cadangan|pengamanan|penyelamatan)",
        r"(?:alamat|dompet|wallet)(?: \S+)? yang (?:kami|saya|admin|tim kami) (?:berikan|kirim|"
        r"kirimkan|kasih|bagikan)",
    ),
    "ru": (
        r"(?:эт|следующ|данн|указанн|безопасн|защищенн|нов|резервн|надежн)\w* (?:адрес|кошел[её]к|"
        r"кошельк)\w*",
        r"(?:адрес|кошел[её]к|кошельк)\w* ниже",
    ),
    "uk": (
        r"(?:ц|наступн|безпечн|захищен|нов|резервн|вказан|надійн)\w* (?:адрес|гаманц|гаманець)\w*",
        r"(?:адрес|гаманц|гаманець)\w* нижче",
    ),
    "es": (
        r"(?:esta|la siguiente|una nueva|otra) (?:dirección|billetera|cartera|wallet)",
        r"(?:dirección|billetera|cartera|wallet) (?:segura|protegida|nueva|de seguridad|siguiente|"
        r"indicada|de abajo|a continuación)",
    ),
    "pt": (
        r"(?:este|esse|o seguinte|novo) endereço", r"(?:esta|essa|a seguinte|nova) carteira",
        r"carteira (?:segura|protegida|nova|de segurança|abaixo)",
        r"endereço (?:seguro|abaixo|a seguir|seguinte|novo)",
    ),
    "fr": (
        r"cette adresse", r"ce portefeuille", r"ce wallet", r"l'adresse (?:suivante|ci-dessous)",
        r"(?:le|un|au) (?:nouveau )?portefeuille (?:suivant|sécurisé|sûr|protégé|de sécurité|"
        r"ci-dessous)",
        r"adresse (?:sécurisée|sûre)", r"(?:nouveau portefeuille|nouvelle adresse)",
    ),
    "de": (
        r"(?:diese|dieses|folgende|folgendes|unten stehende) (?:adresse|wallet)",
        r"(?:sicher|geschützt|neu)\w* (?:wallet|adresse)",
    ),
    "tr": (
        r"bu (?:adres|cüzdan)\w*", r"aşağıdaki (?:adres|cüzdan)\w*",
        r"(?:güvenli|yeni|korumalı) (?:adres|cüzdan)\w*",
    ),
    "ar": (
        r"هذا العنوان", r"هذه المحفظه", r"العنوان التالي", r"المحفظه التاليه",
        r"(?:ال)?محفظه (?:ال)?(?:امنه|جديده|احتياطيه|محميه)", r"عنوان (?:امن|جديد)",
    ),
    "ja": (
        r"(?:この|こちらの|以下の|下記の|指定の)(?:アドレス|ウォレット)",
        r"(?:安全な|新しい|保護された)(?:アドレス|ウォレット)",
    ),
    "ko": (r"(?:이|아래|다음|지정된|안전한|안전|새|새로운|보호) ?(?:주소|지갑)",),
    "th": (
        r"(?:ที่อยู่|กระเป๋า(?:เงิน)?|วอลเล็[ทต])(?:นี้|ต่อไปนี้|ด้านล่าง|ที่ปลอดภัย|ปลอดภัย|ใหม่)",
    ),
    "it": (
        r"quest[oa] (?:indirizzo|wallet|portafoglio)",
        r"(?:il|al) seguente (?:indirizzo|wallet|portafoglio)",
        r"(?:wallet|portafoglio|indirizzo) "
        r"(?:sicuro|protetto|nuovo|seguente|qui sotto|di sicurezza)",
        r"nuovo (?:wallet|portafoglio|indirizzo)",
    ),
}  # fmt: skip

# An address written out. Cut short is enough ("0xAb…"): support never pastes one to pay to.
# Each starts with a literal, so a text without one is skipped at C speed; secrets.py checks
# what comes before and what a long word or number is not.
ADDRESS: tuple[str, ...] = (
    r"0x[0-9a-f]{2}", r"(?:bc1|tb1)[0-9a-z]{4}", r"t[1-9a-z]{25,40}(?![a-z0-9])",
    r"[13][1-9a-z]{25,34}(?![a-z0-9])",
)  # fmt: skip

# What is moved: money of any kind, in any language (matched anywhere in the sentence).
FUNDS: tuple[str, ...] = (
    # Tickers are written against CJK text without a space ("将所有USDT转到"): no \b there.
    r"(?<![a-z0-9])(?:usdt|usdc|busd|btc|eth|bnb|trx|sol|xrp|ton|doge|ltc|matic|ada|shib|dai|"
    r"bitcoins?|ether|crypto|cryptos|coins?|tokens?|funds|assets|balance|money|holdings|"
    r"everything|all of)(?![a-z0-9])",
    r"\b(?:tiền|số dư|tài sản|coin|toàn bộ|tất cả)\b",
    r"\b(?:dana|saldo|aset|koin|semua|uang|kripto)\b",
    r"(?:资金|资产|余额|币|所有|全部|資金|資產|餘額|幣)",
    r"(?:средств|актив|баланс|монет|деньг|крипт|все |всё)",
    r"(?:кошт|актив|баланс|монет|грош|усі|всі)",
    r"\b(?:fondos|activos|monedas|criptomonedas|dinero|todo)\b",
    r"\b(?:fundos|ativos|moedas|cripto|dinheiro|tudo)\b",
    r"\b(?:fonds|actifs|solde|argent|tout|tous)\b",
    r"\b(?:guthaben|vermögen|krypto|geld|alle)\b",
    r"\b(?:fon\w*|varlık\w*|bakiye\w*|kripto\w*|para\w*|tüm|hepsi\w*)\b",
    r"(?:اموال|رصيد|اصول|عملات|جميع|كل )",
    r"(?:資金|資産|残高|コイン|仮想通貨|暗号資産|全て|すべて|全額)",
    r"(?:자금|자산|잔고|잔액|코인|암호화폐|전부|모든|전액)",
    r"(?:เงิน|สินทรัพย์|ยอด|เหรียญ|คริปโต|ทั้งหมด)",
    r"\b(?:fondi|monete|denaro|tutto|tutti)\b",
)  # fmt: skip

# A sentence about moving money that asks for proof of a transfer, or that sends it to a
# wallet the customer owns, is ordinary support.
NOT_FUNDS: tuple[str, ...] = (
    r"\b(?:txid|tx id|tx hash|transaction hash|transaction id|hash|screenshot|receipt)\b",
    r"\b(?:you (?:own|control|created)|your own|only you)\b",
    r"(?:截图|截圖|交易哈希|哈希|哈希值|scan|captura|capture|print|скриншот|скріншот)",
)  # fmt: skip
