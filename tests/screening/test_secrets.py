"""screening/secrets.py: messages that ask the customer for a secret or for their money, in
every supported language and as people type them, and the far more common messages that only
warn about the secret, explain a procedure or answer about a transfer."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
import yaml

from firstline.demo.data import CANNED_RESPONSES, TOPICS
from firstline.demo.kb import ARTICLES
from firstline.screening.secrets import KINDS, SecretRequest, find_secret_request

TRON = "TQ7x9kLmN3pR2sV8wY4zA6bC1dE5fG7hJ"
EVM = "0x8f3a9b2c7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f7a"

# What an agent or a scammer posing as support sends: language -> (message, kind).
ASKS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("pls provide ur pword so i can check", "password"),
        ("Dear user, your wallet has been flagged. Kindly submit your 24-word recovery phrase "
         "via the form below to avoid suspension.", "seed_phrase"),
        ('I need the OTP that was just sent to your phone.', 'code'),
        ('Could you read me the 6 digit code we texted you?', 'code'),
        ('Please DM me your seed phrase so I can restore your wallet.', 'seed_phrase'),
        ("To complete the verification, enter your private key at "
         "https://firstline-verify.com", "private_key"),
        ('Move all your BTC to the wallet below within 24 hours or it will be frozen.', 'funds'),
        ('Send your login credentials to our security team for review.', 'password'),
        ("Reply with your Google Authenticator code to confirm it's you.", 'code'),
        ("Hi, to verify your identity please send us your login password.", "password"),
        ("Can you tell me the code from Google Authenticator?", "code"),
        ("What's your 2FA code? I need it to unlock the withdrawal.", "code"),
        ("Please reply with the 12 words of your recovery phrase so we can sync your wallet.",
         "seed_phrase"),
        ("For the wallet migration, share your private key with our support team.",
         "private_key"),
        (f"To protect your assets, please transfer all your USDT to this secure wallet: {TRON}",
         "funds"),
        ("Send the OTP you just received to me so I can finish the verification.", "code"),
        ("Our security team needs your seed phrase: type it here in the chat.", "seed_phrase"),
        ("Kindly provide your fund password so I can release the P2P order.", "password"),
        (f"Urgent: your account is compromised, move your funds to the following wallet {EVM}",
         "funds"),
        ("To protect your assets please transfer your USDT to this safe wallet: 0xAb…", "funds"),
    ],
    "zh-CN": [
        ('您好，这边是官方客服，请把您收到的6位验证码报给我。', 'code'),
        ('麻烦提供一下您的资金密码，我们这边核实。', 'password'),
        ('请将钱包助记词截图发给客服。', 'seed_phrase'),
        ("您好，为了核实身份，请提供您的登录密码。", "password"),
        ("麻烦把谷歌验证码发给我，我帮您解除提币限制。", "code"),
        ("请告诉我您的助记词，我们需要同步钱包。", "seed_phrase"),
        ("您的资金密码是多少？", "password"),
        ("为了恢复账户，请把私钥发送给客服。", "private_key"),
        (f"您的账户存在风险，请立即将所有USDT转到以下安全钱包地址：{TRON}", "funds"),
        ("收到的短信验证码报一下给我。", "code"),
        ("请在这里输入您的密码以完成验证。", "password"),
    ],
    "zh-TW": [
        ("您好，請提供您的登入密碼以便核實身分。", "password"),
        ("麻煩把簡訊驗證碼傳給我，我幫您解鎖帳戶。", "code"),
        ("請告訴我您的助記詞，我們要幫您同步錢包。", "seed_phrase"),
        ("您的資金密碼是多少？", "password"),
        ("為了找回資產，請把私鑰發給客服。", "private_key"),
        (f"請立即將USDT轉到以下安全錢包：{EVM}", "funds"),
        ("請把谷歌驗證碼告訴我", "code"),
    ],
    "vi": [
        ("ban gui cho minh ma code trong tin nhan sms nhe", "code"),
        ('Anh ơi, anh gửi em mã OTP để em hủy lệnh rút giúp anh nhé', 'code'),
        ('Bạn vui lòng cung cấp cụm từ bí mật để bên mình xác minh ví.', 'seed_phrase'),
        ('Chuyển hết số dư sang ví mới này ngay để tránh bị hack', 'funds'),
        ("Để xác minh tài khoản, bạn vui lòng gửi mật khẩu đăng nhập cho mình nhé.", "password"),
        ("Cho em xin mã OTP vừa gửi về điện thoại của anh ạ.", "code"),
        ("Anh đọc giúp em mã Google Authenticator để em mở khóa rút tiền nhé.", "code"),
        ("Bạn cung cấp cụm từ khôi phục 12 từ cho bên mình để đồng bộ ví nhé.", "seed_phrase"),
        ("Vui lòng gửi khóa riêng tư của ví cho bộ phận hỗ trợ.", "private_key"),
        (f"Tài khoản của bạn đang gặp rủi ro, vui lòng chuyển toàn bộ USDT sang ví an toàn sau: "
         f"{TRON}", "funds"),
        ("Mật khẩu của bạn là gì?", "password"),
    ],
    "id": [
        ("Silakan transfer dana anda ke wallet pengamanan yang kami berikan", "funds"),
        ('Mohon bantu kirimkan kode OTP yang masuk ke SMS Anda untuk proses verifikasi.', 'code'),
        ("Untuk pemulihan akun, silakan balas pesan ini dengan 12 kata frasa pemulihan "
         "Anda.", "seed_phrase"),
        ("Untuk verifikasi akun, mohon kirimkan kata sandi login Anda kepada kami.", "password"),
        ("Silakan sebutkan kode OTP yang baru masuk ke HP Anda.", "code"),
        ("Boleh dikirim frasa pemulihan 12 kata dompet Anda agar kami sinkronkan?",
         "seed_phrase"),
        ("Berikan kunci pribadi wallet Anda kepada tim kami untuk proses pemulihan.",
         "private_key"),
        ("Kode Google Authenticator Anda berapa?", "code"),
        (f"Demi keamanan, segera transfer semua USDT Anda ke dompet aman berikut: {EVM}", "funds"),
        ("Tolong infokan kode verifikasi yang masuk ke email Anda.", "code"),
    ],
    "ru": [
        (f"Переводите все средства на защищённый кошелёк {EVM}", "funds"),
        ('Назовите код, который пришёл вам в SMS, иначе вывод будет заблокирован.', 'code'),
        ('Для разблокировки сообщите пароль от личного кабинета.', 'password'),
        ('Срочно переведите средства на резервный кошелёк, адрес ниже.', 'funds'),
        ("Для проверки пришлите, пожалуйста, код из СМС.", "code"),
        ("Назовите ваш пароль от аккаунта, чтобы я мог снять блокировку.", "password"),
        ("Какой у вас код Google Authenticator?", "code"),
        ("Продиктуйте сид-фразу из 12 слов, мы восстановим кошелёк.", "seed_phrase"),
        ("Отправьте нам приватный ключ от кошелька для синхронизации.", "private_key"),
        (f"Срочно переведите все USDT на этот безопасный кошелёк: {TRON}", "funds"),
        ("Сообщите одноразовый код, который пришёл вам на почту.", "code"),
    ],
    "es": [
        ("Para validar tu identidad, mándanos la frase de recuperación de tu "
         "billetera.", "seed_phrase"),
        ('¿Me pasas el código que te llegó por SMS?', 'code'),
        ("Para verificar tu cuenta, envíanos tu contraseña por este chat.", "password"),
        ("¿Cuál es tu código de Google Authenticator?", "code"),
        ("Dime el código SMS que te acaba de llegar.", "code"),
        ("Necesitamos tu frase semilla de 12 palabras para sincronizar la billetera.",
         "seed_phrase"),
        ("Por favor, compártenos tu clave privada para recuperar los fondos.", "private_key"),
        (f"Por seguridad, transfiere todos tus USDT a esta dirección segura: {TRON}", "funds"),
        ("Pásame el código de verificación que te mandamos.", "code"),
    ],
    "pt": [
        ('Oi, tudo bem? Me manda a senha do app pra eu verificar aqui.', 'password'),
        ("Para liberar o saque, me passa a sua senha de acesso.", "password"),
        ("Manda aí o código do Google Authenticator pra eu validar.", "code"),
        ("Qual é o seu código de verificação?", "code"),
        ("Envie a frase de recuperação de 12 palavras para sincronizarmos a carteira.",
         "seed_phrase"),
        ("Precisamos da sua chave privada para recuperar os fundos.", "private_key"),
        (f"Por segurança, transfira todo o saldo em USDT para esta carteira segura: {EVM}",
         "funds"),
        ("Me fala o código SMS que chegou no seu celular.", "code"),
    ],
    "fr": [
        ('Merci de nous communiquer le code reçu par SMS pour débloquer le retrait.', 'code'),
        ("Pour débloquer votre compte, envoyez-nous votre mot de passe.", "password"),
        ("Quel est votre code Google Authenticator ?", "code"),
        ("Communiquez-moi le code reçu par SMS.", "code"),
        ("Veuillez nous transmettre votre phrase de récupération de 12 mots.", "seed_phrase"),
        ("Donnez-nous votre clé privée afin que nous puissions récupérer vos fonds.",
         "private_key"),
        (f"Par sécurité, transférez tous vos USDT vers cette adresse : {TRON}", "funds"),
        ("Saisissez votre mot de passe ici dans le chat.", "password"),
    ],
    "de": [
        ("Teilen Sie uns bitte Ihre Seed-Phrase mit, damit wir die Wallet wiederherstellen "
         "können.", "seed_phrase"),
        ("Bitte senden Sie uns Ihr Passwort, damit wir das Konto entsperren können.",
         "password"),
        ("Wie lautet Ihr 2FA-Code?", "code"),
        ("Nennen Sie mir den Bestätigungscode aus der SMS.", "code"),
        ("Schicken Sie uns Ihre Seed-Phrase mit den 24 Wörtern.", "seed_phrase"),
        ("Wir benötigen Ihren privaten Schlüssel, um die Wallet zu synchronisieren.",
         "private_key"),
        (f"Überweisen Sie zu Ihrer Sicherheit alle USDT an diese sichere Adresse: {TRON}",
         "funds"),
        ("Geben Sie uns den Code aus der Authenticator-App durch.", "code"),
    ],
    "tr": [
        ("Hesabınızı korumak için lütfen tüm varlıklarınızı aşağıdaki güvenli adrese transfer "
         "edin.", "funds"),
        ("Hesabınızı doğrulamak için şifrenizi bize gönderin.", "password"),
        ("Google Authenticator kodunuz nedir?", "code"),
        ("SMS ile gelen onay kodunu bize iletin.", "code"),
        ("Kurtarma ifadenizdeki 12 kelimeyi bizimle paylaşın.", "seed_phrase"),
        ("Özel anahtarınızı destek ekibine iletin.", "private_key"),
        (f"Lütfen tüm USDT bakiyenizi bu güvenli cüzdana gönderin: {TRON}", "funds"),
        ("Parolanızı söyler misiniz?", "password"),
        ("Lütfen SMS ile gelen kodu bana gönderin", "code"),
        ("Telefonunuza gelen kodu yazar mısınız?", "code"),
    ],
    "ar": [
        (f"لحماية حسابك، حوّل كل أموالك إلى هذه المحفظة الآمنة {TRON}", "funds"),
        ('عزيزي العميل، يرجى تزويدنا برمز التحقق المرسل إلى هاتفك لإكمال العملية.', 'code'),
        ("للتحقق من حسابك، أرسل لنا كلمة المرور الخاصة بك.", "password"),
        ("ما هو رمز التحقق الذي وصلك عبر SMS؟", "code"),
        ("يرجى إرسال عبارة الاسترداد المكونة من 12 كلمة.", "seed_phrase"),
        ("زودنا بالمفتاح الخاص لمحفظتك لاستعادة الأموال.", "private_key"),
        (f"لحماية أموالك، قم بتحويل جميع USDT إلى هذه المحفظة الآمنة: {TRON}", "funds"),
        ("اكتب كلمة السر هنا في المحادثة.", "password"),
        ("أعطني كود جوجل أوثنتيكيتور من فضلك.", "code"),
    ],
    "ja": [
        ('出金ロックを解除するため、SMSに届いた6桁のコードを教えてください。', 'code'),
        ("本人確認のため、ログインパスワードを教えてください。", "password"),
        ("SMSで届いた認証コードをこちらに送ってください。", "code"),
        ("2段階認証コードは何ですか？", "code"),
        ("ウォレット同期のため、12単語のシードフレーズをお送りください。", "seed_phrase"),
        ("秘密鍵をチャットで共有してください。", "private_key"),
        (f"安全のため、すべてのUSDTを以下のアドレスに送金してください：{TRON}", "funds"),
        ("パスワードをここに入力してください。", "password"),
    ],
    "ko": [
        ('고객님, 본인 확인을 위해 휴대폰으로 받은 인증번호 6자리를 알려주세요.', 'code'),
        ("본인 확인을 위해 로그인 비밀번호를 알려 주세요.", "password"),
        ("문자로 받은 인증번호를 보내 주세요.", "code"),
        ("구글 OTP 번호가 뭐예요?", "code"),
        ("지갑 동기화를 위해 시드 문구 12개 단어를 전달해 주세요.", "seed_phrase"),
        ("개인키를 상담원에게 공유해 주세요.", "private_key"),
        (f"보안을 위해 모든 USDT를 아래 주소로 송금해 주세요: {TRON}", "funds"),
        ("비밀번호를 채팅창에 입력해 주세요.", "password"),
    ],
    "th": [
        ("ส่งวลีกู้คืน 12 คำมาให้เราหน่อย", "seed_phrase"),
        ('รบกวนลูกค้าแจ้งรหัส OTP 6 หลักที่ได้รับทาง SMS ให้แอดมินด้วยนะคะ', 'code'),
        ("เพื่อยืนยันตัวตน กรุณาส่งรหัสผ่านมาให้เราทางแชท", "password"),
        ("รบกวนแจ้งรหัส OTP ที่ได้รับทาง SMS ด้วยค่ะ", "code"),
        ("รหัส 2FA ของคุณคืออะไรคะ", "code"),
        ("ช่วยบอกวลีกู้คืน 12 คำของกระเป๋าให้เราหน่อยครับ", "seed_phrase"),
        ("กรุณาส่งคีย์ส่วนตัวของกระเป๋าให้เจ้าหน้าที่", "private_key"),
        (f"เพื่อความปลอดภัย กรุณาโอน USDT ทั้งหมดไปที่กระเป๋าที่ปลอดภัยนี้: {TRON}", "funds"),
        ("พิมพ์รหัสผ่านของคุณในแชทนี้ได้เลยค่ะ", "password"),
    ],
    "uk": [
        (f"Для безпеки переказуйте всі кошти на цей гаманець {EVM}", "funds"),
        ('Для розблокування повідомте нам пароль від акаунта.', 'password'),
        ("Надішліть, будь ласка, ваш пароль для перевірки.", "password"),
        ("Який у вас код з Google Authenticator?", "code"),
        ("Продиктуйте сід-фразу з 12 слів.", "seed_phrase"),
        ("Повідомте код підтвердження, який прийшов вам у СМС.", "code"),
        ("Надайте приватний ключ від гаманця для синхронізації.", "private_key"),
        (f"Терміново переведіть усі USDT на цей безпечний гаманець: {TRON}", "funds"),
        ("Напишіть ваш пароль сюди в чат.", "password"),
    ],
    "it": [
        ("Per completare la verifica mandaci le 24 parole della tua frase di "
         "recupero.", "seed_phrase"),
        ("Per sbloccare il conto, inviaci la tua password.", "password"),
        ("Qual è il tuo codice di verifica?", "code"),
        ("Dimmi il codice SMS che ti è arrivato.", "code"),
        ("Condividi con noi la frase di recupero di 12 parole.", "seed_phrase"),
        ("Abbiamo bisogno della tua chiave privata per recuperare i fondi.", "private_key"),
        (f"Per sicurezza trasferisci tutti i tuoi USDT su questo wallet sicuro: {TRON}", "funds"),
        ("Scrivi qui in chat il codice di Google Authenticator.", "code"),
    ],
    # Vietnamese as most customers and many agents type it: no diacritics.
    "vi-plain": [
        ("vui long gui ma 2FA cho minh", "code"),
        ("cho em xin mat khau dang nhap de em kiem tra a", "password"),
        ("anh doc cho em ma xac thuc vua nhan duoc nhe", "code"),
        ("ban gui cum tu khoi phuc 12 tu qua day cho minh nhe", "seed_phrase"),
        ("gui khoa rieng tu cho ben minh de dong bo vi", "private_key"),
        (f"vui long chuyen toan bo usdt sang vi an toan nay: {EVM}", "funds"),
        ("cho minh xin pass dang nhap nha", "password"),
        ("ma otp cua ban la gi", "code"),
    ],
    # Chat Indonesian: kirimin, kasih tau, -nya, dong, kak.
    "id-chat": [
        ("kak, kirimin kode OTP nya dong biar aku cek", "code"),
        ("kasih tau pw akun kamu ya kak", "password"),
        ("passwordnya berapa kak?", "password"),
        ("share seed phrase nya ke aku ya, biar dompetnya aku pulihin", "seed_phrase"),
        ("min, sebutin kode verifikasi yang masuk ke sms ya", "code"),
        ("kirim private key wallet kamu ke admin sekarang juga", "private_key"),
        (f"buruan pindahin semua saldo ke wallet aman ini: {TRON}", "funds"),
    ],
    # Arabic typed without hamza, and Egyptian, Gulf and Levantine chat.
    "ar-chat": [
        ("ارسل كلمه المرور الخاصه بك", "password"),
        ("ابعتلي الكود اللي وصلك على الموبايل", "code"),
        ("عطني الباسورد حقك عشان افتح الحساب", "password"),
        ("ممكن تبعتلي رمز التحقق؟", "code"),
        ("دزلي الكلمات السرية الـ12 حقت المحفظة", "seed_phrase"),
        ("قولي الباسورد بتاعك يا فندم", "password"),
        ("شو رمز التحقق اللي وصلك؟", "code"),
        (f"حولها كلها على هذه المحفظه الامنه {EVM} عشان نحمي رصيدك", "funds"),
    ],
    # One language's sentence with another's term, as bilingual agents write.
    "mixed": [
        ("vui long gui ma 2FA cho minh", "code"),
        ("Bạn gửi seed phrase cho mình nhé", "seed_phrase"),
        ("kak, kirim private key nya ke admin ya", "private_key"),
        ("请把你的 OTP code 发给我", "code"),
        ("Пришлите ваш 2FA code, пожалуйста", "code"),
        ("Por favor, envíanos tu seed phrase", "seed_phrase"),
        ("Please gửi mật khẩu cho mình", "password"),
    ],
}  # fmt: skip

# Warnings, instructions and ordinary answers about the same things: language -> messages.
ORDINARY: dict[str, list[str]] = {
    "en": [
        "Please do not share your 2FA codes with anyone claiming to be from support.",
        "Scammers often ask for your seed phrase; our staff never will.",
        "If someone asks you to send your private key, report them to us in this chat.",
        "You'll receive a 6-digit verification code by SMS; enter it on the login screen.",
        "Please send us a screenshot of the 2FA settings page so we can see the error.",
        "Could you confirm the email address on your account?",
        "Please make sure you withdraw only to addresses you control.",
        "You can send USDT to your Firstline deposit address shown on the Deposit page.",
        "The password reset link expires in 30 minutes; please request a new one if needed.",
        "We have sent the refund of 50 USDT to your wallet 0x8f3a9b2c7d1e.",
        "Please send us your UID and the email address registered on the account.",
        "What is your registered phone number?",
        "Please tell us the exact time you tried to log in.",
        "Could you send me the deposit address you used and the network?",
        "Please provide the TXID and the amount of USDT you sent to this address.",
        "Send us a photo of your ID card and a selfie holding it.",
        (
            "Please send the remaining 20 USDT to your Firstline deposit address to complete the "
            "order."
        ),
        "Your 2FA has been reset; please set up Google Authenticator again in the app.",
        "We sent a verification code to your email, please check your inbox and spam folder.",
        "Your seed phrase is stored only on your device, so we cannot recover it for you.",
        "Withdraw your funds to an external wallet you control whenever you like.",
        "We will never ask for your password or 2FA code.",
        "Never share your seed phrase with anyone, including us.",
        "Do not send your private key to anyone.",
        "Please reset your password from the login page.",
        "Enable 2FA in Security settings.",
        "Change your password immediately.",
        "Your 2FA code was reset.",
        "Enter the code from Google Authenticator on the withdrawal page.",
        "Keep your recovery phrase offline.",
        "Encrypt your wallet with a strong password.",
        "Anyone who has your private key controls your funds.",
        f"Your withdrawal to {EVM} completed.",
        "Please send us the TXID.",
        "Please send a screenshot of the transfer.",
        "You can withdraw to any external wallet you own from the Withdraw page.",
        "If you forgot your password, please send us a screenshot of the error.",
        "Please tell us if the SMS code did not arrive.",
        "For your security, we sent a 6-digit code to j***@mail.com. Please type it here.",
    ],
    "zh-CN": [
        "如有人索要您的验证码，请立即联系官方客服。",
        "请您在APP内输入短信验证码完成身份验证。",
        "请把密码页面的报错截图发给我。",
        "请提供您的UID和注册邮箱。",
        "我们的客服绝不会向您索要密码或验证码。",
        "请勿将助记词告诉任何人，包括我们。",
        "请在提现页面输入谷歌验证码完成提币。",
        "为了账户安全，请及时修改登录密码。",
        "您可以在安全中心开启谷歌验证。",
        "私钥就是您对资产的控制权，请妥善保管。",
        "您的提币已发送至地址 0x8f3a9b2c7d1e，预计10分钟到账。",
        "请提供交易哈希（TXID）和您使用的网络。",
        "验证码已发送到您的手机，请在此输入。",
    ],
    "zh-TW": [
        "我們的客服絕不會向您索取密碼或驗證碼。",
        "請勿將助記詞告訴任何人，包括我們。",
        "請在提領頁面輸入谷歌驗證碼。",
        "為了帳戶安全，請定期修改登入密碼。",
        "私鑰代表資產的控制權，請妥善保管。",
        "您的提領已送出到地址 0x8f3a9b2c7d1e，預計10分鐘到帳。",
        "請提供交易雜湊（TXID）和使用的網路。",
    ],
    "vi": [
        "Mã OTP chỉ dùng để đăng nhập, bạn không chia sẻ cho ai nhé.",
        "Bạn kiểm tra email để lấy mã xác thực và nhập vào ứng dụng nhé.",
        "Nếu bạn quên mật khẩu, hãy gửi ảnh chụp màn hình lỗi cho mình nhé.",
        "Bạn gửi mình ảnh chụp trang mật khẩu bị lỗi nhé.",
        "Vui lòng cung cấp UID và email đăng ký tài khoản cho mình nhé.",
        "Nhân viên của chúng tôi không bao giờ hỏi mật khẩu hay mã 2FA của bạn.",
        "Đừng chia sẻ cụm từ khôi phục với bất kỳ ai, kể cả chúng tôi.",
        "Bạn vui lòng đặt lại mật khẩu tại trang đăng nhập.",
        "Mã OTP đã được gửi đến số điện thoại của bạn.",
        "Vui lòng nhập mã Google Authenticator tại trang rút tiền.",
        "Hãy bật xác thực 2FA trong phần Bảo mật.",
        "Khóa riêng tư là thứ duy nhất kiểm soát tài sản của bạn, hãy cất giữ cẩn thận.",
        "Lệnh rút của bạn đến địa chỉ 0x8f3a9b2c7d1e đã hoàn tất.",
        "Bạn gửi giúp mình mã giao dịch (TXID) nhé.",
    ],
    "id": [
        "Kode OTP bersifat rahasia, mohon tidak dibagikan kepada siapa pun.",
        "Silakan cek email Anda untuk kode verifikasi dan masukkan di aplikasi.",
        "Kirimkan tangkapan layar halaman kata sandi yang error ya kak.",
        "Mohon kirimkan UID dan alamat email akun Anda.",
        "Kami tidak pernah meminta kata sandi atau kode OTP Anda.",
        "Jangan berikan frasa pemulihan kepada siapa pun, termasuk kami.",
        "Silakan atur ulang kata sandi melalui halaman login.",
        "Kode OTP akan dikirim ke nomor HP Anda.",
        "Masukkan kode Google Authenticator di halaman penarikan.",
        "Aktifkan 2FA di menu Keamanan.",
        "Penarikan Anda ke alamat 0x8f3a9b2c7d1e sudah selesai.",
        "Terima kasih, kata sandi Anda sudah berhasil diubah.",
        "Boleh kirimkan hash transaksi (TXID) dan jaringan yang dipakai?",
    ],
    "ru": [
        "Код подтверждения придёт в SMS, введите его в приложении.",
        "Если вы забыли пароль, напишите нам, и мы поможем его восстановить.",
        "Пришлите скриншот страницы ввода пароля с ошибкой.",
        "Подскажите, пожалуйста, ваш UID и адрес почты.",
        "Мы никогда не просим пароль или коды 2FA.",
        "Никому не сообщайте сид-фразу, даже нам.",
        "Сбросить пароль можно на странице входа.",
        "Введите код из Google Authenticator на странице вывода.",
        "Код подтверждения отправлен на ваш номер.",
        "Храните фразу восстановления офлайн.",
        "Ваш вывод на адрес 0x8f3a9b2c7d1e выполнен.",
        "Пришлите, пожалуйста, хеш транзакции (TXID) и сеть.",
    ],
    "es": [
        "Si olvidaste tu contraseña, escríbenos y te ayudamos a restablecerla.",
        "Te enviamos un código de verificación a tu correo; ingrésalo en la app.",
        "Envíanos una captura de la pantalla de contraseña para ver el error.",
        "Por favor, envíanos tu UID y el correo de la cuenta.",
        "Nunca te pediremos tu contraseña ni tus códigos 2FA.",
        "No compartas tu frase semilla con nadie, ni siquiera con nosotros.",
        "Puedes restablecer tu contraseña desde la página de inicio de sesión.",
        "Introduce el código de Google Authenticator en la página de retiro.",
        "Activa el 2FA en Seguridad.",
        "Tu retiro a la dirección 0x8f3a9b2c7d1e se completó.",
        "Quien tenga tu clave privada controla tus fondos.",
        "¿Me envías el hash de la transacción (TXID) y la red que usaste?",
    ],
    "pt": [
        "Se você esqueceu a senha, me manda um print da tela de erro.",
        "Me manda um print da tela de senha com a mensagem de erro.",
        "Nunca pediremos sua senha ou códigos 2FA.",
        "Não compartilhe sua frase de recuperação com ninguém, nem conosco.",
        "Você pode redefinir sua senha na página de login.",
        "Digite o código do Google Authenticator na página de saque.",
        "Seu saque para o endereço 0x8f3a9b2c7d1e foi concluído.",
        "Pode me enviar o hash da transação (TXID) e a rede que você usou?",
        "Quem tem a sua chave privada controla os seus fundos.",
    ],
    "fr": [
        "Vous recevrez un code de vérification par SMS ; saisissez-le dans l'application.",
        "Envoyez-nous une capture de la page du mot de passe avec le message d'erreur.",
        "Veuillez nous indiquer votre UID et l'adresse e-mail du compte.",
        "Nous ne vous demanderons jamais votre mot de passe ni vos codes 2FA.",
        "Ne partagez jamais votre phrase de récupération, pas même avec nous.",
        "Vous pouvez réinitialiser votre mot de passe depuis la page de connexion.",
        "Saisissez le code Google Authenticator sur la page de retrait.",
        "Votre retrait vers l'adresse 0x8f3a9b2c7d1e est terminé.",
        "Pouvez-vous m'envoyer le hash de la transaction (TXID) ?",
        "Quiconque possède votre clé privée contrôle vos fonds.",
    ],
    "de": [
        "Bitte senden Sie uns einen Screenshot der Fehlermeldung beim Passwort-Reset.",
        "Bitte nennen Sie uns Ihre UID und die E-Mail-Adresse des Kontos.",
        "Wir fragen niemals nach Ihrem Passwort oder Ihren 2FA-Codes.",
        "Geben Sie Ihre Seed-Phrase niemals weiter, auch nicht an uns.",
        "Sie können Ihr Passwort auf der Anmeldeseite zurücksetzen.",
        "Geben Sie den 2FA-Code auf der Auszahlungsseite ein.",
        "Ihre Auszahlung an 0x8f3a9b2c7d1e wurde ausgeführt.",
        "Bitte schicken Sie uns einen Screenshot der Auszahlung mit Hash und Betrag.",
        "Wer Ihren privaten Schlüssel kennt, kontrolliert Ihr Guthaben.",
    ],
    "tr": [
        "Şifrenizi kimseyle paylaşmayın, destek ekibi asla şifre sormaz.",
        "Şifre sayfasındaki hatanın ekran görüntüsünü bize gönderin.",
        "Lütfen UID'nizi ve kayıtlı e-posta adresinizi gönderin.",
        "Şifrenizi veya 2FA kodlarınızı asla kimseyle, bizimle bile paylaşmayın.",
        "Destek ekibimiz sizden asla şifre istemez.",
        "Şifrenizi giriş sayfasından sıfırlayabilirsiniz.",
        "Google Authenticator kodunu çekim sayfasına girin.",
        "Çekiminiz 0x8f3a9b2c7d1e adresine tamamlandı.",
        "Cüzdanınızı güçlü bir parola ile şifreleyin.",
        "İşlem hash'ini (TXID) gönderebilir misiniz?",
    ],
    "ar": [
        "إذا نسيت كلمة المرور، أرسل لنا لقطة شاشة للخطأ.",
        "أرسل لنا لقطة شاشة لصفحة كلمة المرور مع رسالة الخطأ.",
        "يرجى إرسال معرف المستخدم UID والبريد الإلكتروني المسجل.",
        "لا تشارك كلمة المرور أو رموز المصادقة الثنائية مع أي أحد، ولا حتى معنا.",
        "لن نطلب منك أبدًا عبارة الاسترداد.",
        "يمكنك إعادة تعيين كلمة المرور من صفحة تسجيل الدخول.",
        "أدخل رمز التحقق في صفحة السحب.",
        "تم السحب إلى العنوان 0x8f3a9b2c7d1e بنجاح.",
        "هل يمكنك إرسال رقم المعاملة (TXID) والشبكة التي استخدمتها؟",
        "من يملك مفتاحك الخاص يتحكم في أموالك.",
    ],
    "ja": [
        "認証コードはSMSで届きますので、アプリに入力してください。",
        "パスワード画面のエラーのスクリーンショットを送ってください。",
        "UIDと登録メールアドレスを教えてください。",
        "パスワードや2FAコードは、当社を含め誰にも教えないでください。",
        "当社がシードフレーズをお伺いすることはございません。",
        "パスワードはログイン画面から再設定できます。",
        "出金画面で認証コードを入力してください。",
        "0x8f3a9b2c7d1eへの出金が完了しました。",
        "秘密鍵はオフラインで安全に保管してください。",
        "取引ハッシュ（TXID）を教えていただけますか。",
    ],
    "ko": [
        "인증번호는 문자로 발송되며 앱에 입력해 주세요.",
        "비밀번호 화면의 오류 스크린샷을 보내 주세요.",
        "UID와 가입 이메일 주소를 알려 주세요.",
        "비밀번호나 2FA 코드는 저희를 포함해 누구에게도 알려 주지 마세요.",
        "저희는 절대 시드 문구를 요청하지 않습니다.",
        "비밀번호는 로그인 화면에서 재설정할 수 있습니다.",
        "출금 화면에서 구글 OTP 코드를 입력해 주세요.",
        "0x8f3a9b2c7d1e 주소로 출금이 완료되었습니다.",
        "거래 해시(TXID)를 알려 주세요.",
        "개인키를 가진 사람은 누구나 자산을 통제할 수 있습니다.",
    ],
    "th": [
        "หากลืมรหัสผ่าน กรุณาส่งภาพหน้าจอข้อผิดพลาดมาให้เรา",
        "กรุณาส่งภาพหน้าจอหน้ารหัสผ่านที่มีข้อผิดพลาดมาให้เรา",
        "รบกวนแจ้ง UID และอีเมลที่ลงทะเบียนไว้ด้วยค่ะ",
        "ห้ามบอกรหัสผ่านหรือรหัส 2FA กับใคร แม้แต่เรา",
        "เจ้าหน้าที่ของเราจะไม่ขอวลีกู้คืนจากคุณ",
        "คุณสามารถรีเซ็ตรหัสผ่านได้ที่หน้าเข้าสู่ระบบ",
        "กรอกรหัส OTP ในหน้าถอนเงิน",
        "การถอนไปยังที่อยู่ 0x8f3a9b2c7d1e เสร็จสมบูรณ์แล้ว",
        "รหัส OTP ถูกส่งไปยังเบอร์โทรศัพท์ของคุณแล้ว",
        "กรุณาส่งภาพหน้าจอประวัติการถอน",
    ],
    "uk": [
        "Якщо ви забули пароль, напишіть нам.",
        "Надішліть скріншот сторінки введення пароля з помилкою.",
        "Ніколи нікому не повідомляйте пароль і коди 2FA, навіть нам.",
        "Ми ніколи не просимо сід-фразу.",
        "Змінити пароль можна в налаштуваннях безпеки.",
        "Введіть код з Google Authenticator на сторінці виведення.",
        "Ваше виведення на адресу 0x8f3a9b2c7d1e виконано.",
        "Надішліть, будь ласка, хеш транзакції (TXID) і мережу.",
    ],
    "it": [
        "Se hai dimenticato la password, inviaci uno screenshot dell'errore.",
        "Inviaci uno screenshot della schermata della password con l'errore.",
        "Per favore inviaci il tuo UID e l'email dell'account.",
        "Non condividere mai password o codici 2FA con nessuno, nemmeno con noi.",
        "Non ti chiederemo mai la frase di recupero.",
        "Puoi reimpostare la password dalla pagina di accesso.",
        "Inserisci il codice di Google Authenticator nella pagina di prelievo.",
        "Il tuo prelievo verso 0x8f3a9b2c7d1e è stato completato.",
        "Chi possiede la tua chiave privata controlla i tuoi fondi.",
        "Rispondi con uno screenshot del prelievo su Kraken.",
    ],
    "vi-plain": [
        "ben minh khong bao gio hoi mat khau hay ma otp cua ban",
        "dung chia se cum tu khoi phuc cho bat ky ai",
        "ban vui long doi mat khau ngay nhe",
        "ma otp da duoc gui ve dien thoai cua ban",
        "ban nhap ma google authenticator o trang rut tien nhe",
        "ban dung mat khau moi de dang nhap nhe",
        "khoa rieng tu giup ban kiem soat tai san, hay cat giu can than",
        "ban gui giup minh ma giao dich txid nhe",
    ],
    "id-chat": [
        "gak pernah kok kami minta pw atau kode OTP kamu",
        "jangan kasih kode OTP ke siapa pun ya kak",
        "makasih kak, passwordnya udah bisa dipake",
        "kode OTP nya udah dikirim ke email kamu ya kak",
        "reset password bisa lewat menu keamanan ya kak",
        "kak tolong kirim screenshot riwayat penarikannya ya",
        "password sudah direset ya kak, silakan login lagi",
    ],
    "ar-chat": [
        "متبعتش الباسورد لأي حد حتى لو قال إنه من الدعم",
        "ما نطلب منك ابدا كلمه السر",
        "غير الباسورد بتاعك من الاعدادات",
        "الكود هيوصلك في رساله SMS",
        "لا تقلق، تم تغيير كلمة المرور بنجاح",
        "دخل الكود في صفحة السحب",
    ],
    "mixed": [
        "Bạn đừng share seed phrase cho ai nhé",
        "Never share mật khẩu với ai",
        "请不要把 seed phrase 发给任何人",
        "Jangan kirim OTP ke siapa pun ya kak",
        "Reset password ở trang đăng nhập nhé",
        "Kode OTP sudah dikirim ke email kamu, please check",
    ],
}

LANGUAGES = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr",
    "de", "tr", "ar", "ja", "ko", "th", "uk", "it",
)  # fmt: skip


def _cases(table: dict[str, list[Any]]) -> list[Any]:
    return [
        pytest.param(*(case if isinstance(case, tuple) else (case,)), id=f"{lang}-{i}")
        for lang, cases in table.items()
        for i, case in enumerate(cases)
    ]


def test_every_language_has_its_examples() -> None:
    for lang in LANGUAGES:
        asks = ASKS[lang]
        assert len(asks) >= 6 and len(ORDINARY[lang]) >= 6, lang
    for extra in ("vi-plain", "id-chat"):
        assert len(ASKS[extra]) >= 6 and len(ORDINARY[extra]) >= 6, extra
    kinds = {kind for cases in ASKS.values() for _, kind in cases}
    assert kinds == set(KINDS)


@pytest.mark.parametrize(("text", "kind"), _cases(ASKS))
def test_a_request_is_found(text: str, kind: str) -> None:
    found = find_secret_request(text)
    assert found is not None, text
    assert found.kind == kind, found
    assert found.evidence in text
    assert len(found.evidence) <= 200


@pytest.mark.parametrize("text", _cases(ORDINARY))
def test_a_warning_or_an_answer_is_not_a_request(text: str) -> None:
    assert find_secret_request(text) is None, text


def test_the_evidence_is_the_sentence_that_asks_as_written() -> None:
    text = (
        "Thanks for waiting! Your account is locked for your safety.\n"
        "Cho em xin mật khẩu đăng nhập để em kiểm tra nhé. Em cảm ơn!"
    )
    assert find_secret_request(text) == SecretRequest(
        "password", "Cho em xin mật khẩu đăng nhập để em kiểm tra nhé.", "vi"
    )


def test_a_warning_in_one_sentence_does_not_cover_a_request_in_the_next() -> None:
    found = find_secret_request(
        "We never ask for your password. Now send me the 2FA code you just received."
    )
    assert found is not None and found.kind == "code" and found.evidence.startswith("Now send")


def test_a_long_sentence_is_cut_to_200_characters() -> None:
    text = "Please send me your seed phrase " + "and then wait for the sync " * 20
    found = find_secret_request(text)
    assert found is not None and len(found.evidence) == 200


def test_a_long_message_comes_back_at_once() -> None:
    # Worst cases for backtracking: one endless sentence of near-misses, no punctuation.
    for chunk in (
        "please send the code to the wallet address of ",
        "gui cho minh ma ",
        "请把 ",
        "a" * 50 + " ",
        "отправьте пожалуйста ",
    ):
        text = (chunk * (20_000 // len(chunk) + 1))[:20_000]
        find_secret_request(text)
    assert find_secret_request("x" * 20_000 + " send me your password") is not None


def _demo_agent_texts() -> list[str]:
    texts = [topic["agent_reply"][lang] for topic in TOPICS.values() for lang in LANGUAGES]
    texts += [body for replies in CANNED_RESPONSES.values() for _, body in replies.values()]
    return texts


def test_no_demo_agent_reply_and_no_demo_article_asks_for_a_secret() -> None:
    texts = _demo_agent_texts() + [article["body"] for article in ARTICLES]
    assert len(texts) > 150
    flagged = [(text, found) for text in texts if (found := find_secret_request(text))]
    assert flagged == []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_nothing_the_bot_itself_says_asks_for_a_secret() -> None:
    # The bot holds back any line that asks (bot/engine.py): its own lines and the built-in
    # flows' step-up verification ("we sent a code ... type it here") must pass.
    package = resources.files("firstline")
    texts: list[str] = []
    for lang in LANGUAGES:
        for catalog in ("bot", "flows"):
            texts += _strings(
                json.loads((package / "locales" / lang / f"{catalog}.json").read_text())
            )
    for flow in (package / "flows" / "builtin").iterdir():
        if flow.name.endswith(".yaml"):
            texts += _strings(yaml.safe_load(flow.read_text()))
    assert len(texts) > 500
    assert [text for text in texts if find_secret_request(text)] == []
