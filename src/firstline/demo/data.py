"""
Hand-written demo content: what customers write and how agents answer, in every supported language.

Eight common support topics at a crypto exchange, each with a subject line, the customer's
opening message, a follow-up and an agent's answer in all 17 languages; plus internal notes per
topic, canned responses in the busiest languages, customer names per language and a roster of
agents. The texts read like real chat messages
(coins, networks, amounts, order numbers) and are long enough for language detection to
recognise them. Agent replies use the placeholder {name} for the customer's first name.

Standard library only, so it can be checked on its own: `python data.py` prints ok.
"""

from typing import Any

# The same codes as firstline.core.language.SUPPORTED_LANGUAGES, repeated so that this file runs
# standalone.
_LANGUAGES: tuple[str, ...] = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr",
    "de", "tr", "ar", "ja", "ko", "th", "uk", "it",
)  # fmt: skip
_PRODUCTS = frozenset({"spot", "futures", "p2p", "deposits_withdrawals", "account_security"})
_PRIORITIES = frozenset({"normal", "high", "urgent"})

# topic slug -> product, priority, and per language: subject, opening, follow_up, agent_reply.
TOPICS: dict[str, dict[str, Any]] = {
    "deposit_not_arrived": {
        "product": "deposits_withdrawals",
        "priority": "high",
        "subject": {
            "en": "USDT deposit not showing in my balance",
            "zh-CN": "USDT充值一直没到账",
            "zh-TW": "USDT入金一直沒到帳",
            "vi": "Nạp USDT chưa về tài khoản",
            "id": "Deposit USDT belum masuk ke saldo",
            "ru": "Депозит USDT не зачислен",
            "es": "Mi depósito de USDT todavía no aparece en el saldo",
            "pt": "Depósito de USDT não caiu na conta",
            "fr": "Dépôt USDT non crédité",
            "de": "USDT-Einzahlung nicht gutgeschrieben",
            "tr": "USDT yatırımım hesaba geçmedi",
            "ar": "إيداع USDT لم يصل إلى رصيدي",
            "ja": "USDTの入金が反映されません",
            "ko": "USDT 입금이 반영되지 않았어요",
            "th": "ฝาก USDT แล้วยังไม่เข้าบัญชี",
            "uk": "Депозит USDT не зараховано",
            "it": "Deposito USDT non accreditato",
        },
        "opening": {
            "en": (
                "Hi, I sent 500 USDT from Binance to my Firstline wallet on TRC20 about two hours "
                "ago and it still isn't showing in my balance. The TXID shows as confirmed on "
                "Tronscan, can you check what's going on?"
            ),
            "zh-CN": (
                "你好，我两个小时前从币安通过TRC20网络充了500 USDT到我的账户，到现在还没到账。"
                "链上查询显示已经确认了，麻烦帮我查一下是什么问题。"
            ),
            "zh-TW": (
                "你好，我兩個小時前從幣安透過TRC20網路轉了500 USDT到我的帳戶，到現在還沒入帳。"
                "鏈上查詢顯示已經確認了，麻煩幫我查一下是什麼問題。"
            ),
            "vi": (
                "Chào bạn, mình đã chuyển 500 USDT từ Binance sang ví Firstline qua mạng TRC20 "
                "khoảng hai tiếng trước mà đến giờ số dư vẫn chưa cập nhật. Trên Tronscan giao "
                "dịch đã được xác nhận rồi, nhờ bạn kiểm tra giúp mình với."
            ),
            "id": (
                "Halo, saya sudah kirim 500 USDT dari Binance ke dompet Firstline lewat jaringan "
                "TRC20 sekitar dua jam yang lalu, tapi sampai sekarang saldo saya belum bertambah. "
                "Di Tronscan transaksinya sudah terkonfirmasi, tolong dicek ya."
            ),
            "ru": (
                "Здравствуйте, два часа назад я отправил 500 USDT с Binance на свой кошелёк "
                "Firstline через сеть TRC20, но на балансе их до сих пор нет. На Tronscan "
                "транзакция уже подтверждена, проверьте, пожалуйста, в чём дело."
            ),
            "es": (
                "Hola, hace dos horas envié 500 USDT desde Binance a mi billetera de Firstline por "
                "la red TRC20 y todavía no aparecen en mi saldo. En Tronscan la transacción ya "
                "figura como confirmada, ¿pueden revisar qué pasa?"
            ),
            "pt": (
                "Olá, enviei 500 USDT da Binance para minha carteira na Firstline pela rede TRC20 "
                "há umas duas horas e até agora não caiu no meu saldo. No Tronscan a transação já "
                "aparece como confirmada, vocês podem verificar o que aconteceu?"
            ),
            "fr": (
                "Bonjour, j'ai envoyé 500 USDT depuis Binance vers mon portefeuille Firstline sur "
                "le réseau TRC20 il y a deux heures et ils n'apparaissent toujours pas sur mon "
                "solde. Sur Tronscan la transaction est bien confirmée, pouvez-vous vérifier ce "
                "qui se passe ?"
            ),
            "de": (
                "Hallo, ich habe vor etwa zwei Stunden 500 USDT von Binance über das "
                "TRC20-Netzwerk auf mein Firstline-Wallet geschickt, aber sie sind immer noch "
                "nicht in meinem Guthaben. Auf Tronscan ist die Transaktion längst bestätigt, "
                "können Sie bitte nachsehen?"
            ),
            "tr": (
                "Merhaba, yaklaşık iki saat önce Binance'ten TRC20 ağı üzerinden Firstline "
                "cüzdanıma 500 USDT gönderdim ama bakiyemde hâlâ görünmüyor. Tronscan'de işlem "
                "onaylanmış görünüyor, lütfen neler olduğunu kontrol edebilir misiniz?"
            ),
            "ar": (
                "مرحباً، أرسلت 500 USDT من Binance إلى محفظتي في Firstline عبر شبكة TRC20 قبل "
                "ساعتين تقريباً، ولم تظهر في رصيدي حتى الآن. المعاملة مؤكدة على Tronscan، أرجو "
                "التحقق من المشكلة."
            ),
            "ja": (
                "2時間ほど前にBinanceからTRC20ネットワークで500 USDTをFirstlineのウォレットに送金し"
                "ましたが、まだ残高に反映されていません。Tronscanでは承認済みになっているので、"
                "確認していただけますか。"
            ),
            "ko": (
                "안녕하세요, 두 시간 전에 바이낸스에서 TRC20 네트워크로 500 USDT를 Firstline "
                "지갑으로 보냈는데 아직 잔고에 안 들어왔어요. Tronscan에서는 이미 승인 완료로 "
                "나오는데 확인 좀 부탁드립니다."
            ),
            "th": (
                "สวัสดีค่ะ เมื่อสองชั่วโมงก่อนโอน 500 USDT จาก Binance ผ่านเครือข่าย TRC20 เข้ากระเป๋า "
                "Firstline แต่ยอดเงินยังไม่ขึ้นเลยค่ะ ใน Tronscan ขึ้นว่ายืนยันแล้ว รบกวนช่วยตรวจสอบให้หน่อยนะคะ"
            ),
            "uk": (
                "Добрий день, дві години тому я надіслав 500 USDT з Binance на свій гаманець "
                "Firstline через мережу TRC20, але на балансі їх досі немає. На Tronscan "
                "транзакція вже підтверджена, перевірте, будь ласка, що сталося."
            ),
            "it": (
                "Ciao, circa due ore fa ho inviato 500 USDT da Binance al mio wallet Firstline "
                "sulla rete TRC20 ma non li vedo ancora nel saldo. Su Tronscan la transazione "
                "risulta già confermata, potete controllare cosa è successo?"
            ),
        },
        "follow_up": {
            "en": (
                "I've attached the screenshot of the transaction. It's been almost four hours now, "
                "and I need those funds for a trade today."
            ),
            "zh-CN": "截图已经发给你们了，现在都快四个小时了，我今天还要用这笔钱交易，请尽快处理。",
            "zh-TW": "截圖已經傳給你們了，現在都快四個小時了，我今天還要用這筆錢交易，請盡快處理。",
            "vi": (
                "Mình đã gửi ảnh chụp màn hình giao dịch rồi. Đã gần bốn tiếng trôi qua, hôm nay "
                "mình cần số tiền này để giao dịch, mong bạn xử lý sớm."
            ),
            "id": (
                "Saya sudah lampirkan tangkapan layar transaksinya. Sudah hampir empat jam, dan "
                "dana itu mau saya pakai untuk trading hari ini."
            ),
            "ru": (
                "Скриншот транзакции я приложил. Прошло уже почти четыре часа, а мне эти деньги "
                "нужны сегодня для торговли."
            ),
            "es": (
                "Ya les adjunté la captura de pantalla de la transacción. Van casi cuatro horas y "
                "necesito ese dinero hoy para operar."
            ),
            "pt": (
                "Já mandei o print da transação. Já são quase quatro horas e eu preciso desse "
                "dinheiro hoje para fazer umas operações."
            ),
            "fr": (
                "Je vous ai envoyé la capture d'écran de la transaction. Ça fait presque quatre "
                "heures maintenant et j'ai besoin de ces fonds aujourd'hui pour trader."
            ),
            "de": (
                "Den Screenshot der Transaktion habe ich angehängt. Es sind jetzt fast vier "
                "Stunden vergangen und ich brauche das Geld heute noch zum Handeln."
            ),
            "tr": (
                "İşlemin ekran görüntüsünü ekledim. Neredeyse dört saat oldu ve bu parayı bugün "
                "işlem yapmak için kullanmam gerekiyor."
            ),
            "ar": (
                "أرسلت لكم لقطة شاشة للمعاملة. مرت الآن أربع ساعات تقريباً وأحتاج هذا المبلغ اليوم "
                "للتداول."
            ),
            "ja": (
                "取引のスクリーンショットを添付しました。もう4時間近く経っていて、"
                "今日中にこの資金で取引したいので急いでいます。"
            ),
            "ko": (
                "거래 스크린샷 첨부했습니다. 벌써 네 시간 가까이 지났고 오늘 이 자금으로 거래해야 "
                "해서 빨리 처리해 주세요."
            ),
            "th": "แนบภาพหน้าจอธุรกรรมไปแล้วนะคะ ตอนนี้ผ่านมาเกือบสี่ชั่วโมงแล้ว วันนี้ต้องใช้เงินก้อนนี้เทรดด้วยค่ะ",
            "uk": (
                "Скріншот транзакції я додав. Минуло вже майже чотири години, а мені ці гроші "
                "потрібні сьогодні для торгівлі."
            ),
            "it": (
                "Vi ho allegato lo screenshot della transazione. Sono passate quasi quattro ore e "
                "mi servono questi fondi oggi per fare trading."
            ),
        },
        "agent_reply": {
            "en": (
                "Thanks for the details, {name}. I can see your TRC20 transaction on-chain and "
                "have asked our deposits team to credit it manually; it should appear in your spot "
                "wallet within the next hour."
            ),
            "zh-CN": (
                "{name}您好，感谢您提供的信息。我们已在链上查到您的TRC20转账，"
                "并已提交充值团队手动入账，预计一小时内会显示在您的现货账户中。"
            ),
            "zh-TW": (
                "{name}您好，感謝您提供的資訊。我們已在鏈上查到您的TRC20轉帳，"
                "並已交由入金團隊手動入帳，預計一小時內會顯示在您的現貨帳戶中。"
            ),
            "vi": (
                "Cảm ơn {name} đã cung cấp thông tin. Chúng tôi đã thấy giao dịch TRC20 của bạn "
                "trên blockchain và đã chuyển cho bộ phận nạp tiền ghi có thủ công, số tiền sẽ "
                "hiển thị trong ví Spot của bạn trong vòng một giờ tới."
            ),
            "id": (
                "Terima kasih atas informasinya, {name}. Transaksi TRC20 Anda sudah kami temukan "
                "di blockchain dan tim deposit sedang mengkreditkannya secara manual, saldo akan "
                "muncul di dompet spot Anda dalam satu jam ke depan."
            ),
            "ru": (
                "Спасибо за информацию, {name}. Мы нашли вашу транзакцию TRC20 в блокчейне и "
                "передали её отделу депозитов для ручного зачисления, средства появятся на "
                "спотовом кошельке в течение часа."
            ),
            "es": (
                "Gracias por los datos, {name}. Ya localizamos tu transacción TRC20 en la cadena y "
                "el equipo de depósitos la está acreditando manualmente; el saldo debería aparecer "
                "en tu billetera spot en la próxima hora."
            ),
            "pt": (
                "Obrigado pelas informações, {name}. Localizamos sua transação TRC20 na blockchain "
                "e a equipe de depósitos já está creditando manualmente; o saldo deve aparecer na "
                "sua carteira spot em até uma hora."
            ),
            "fr": (
                "Merci pour ces précisions, {name}. Nous avons bien retrouvé votre transaction "
                "TRC20 sur la blockchain et l'équipe dépôts la crédite manuellement ; les fonds "
                "devraient apparaître dans votre portefeuille spot d'ici une heure."
            ),
            "de": (
                "Danke für die Angaben, {name}. Wir haben Ihre TRC20-Transaktion auf der "
                "Blockchain gefunden und das Einzahlungsteam schreibt sie manuell gut; das "
                "Guthaben sollte innerhalb der nächsten Stunde in Ihrem Spot-Wallet erscheinen."
            ),
            "tr": (
                "Bilgiler için teşekkürler {name}. TRC20 işleminizi blokzincirde bulduk ve yatırma "
                "ekibimiz tutarı manuel olarak hesabınıza aktarıyor; bakiyeniz bir saat içinde "
                "spot cüzdanınızda görünecektir."
            ),
            "ar": (
                "شكراً على التفاصيل يا {name}. وجدنا معاملتك على شبكة TRC20 ويعمل فريق الإيداعات "
                "على إضافتها يدوياً إلى حسابك، وسيظهر الرصيد في محفظة التداول الفوري خلال ساعة."
            ),
            "ja": (
                "{name}様、詳細のご提供ありがとうございます。TRC20の取引をブロックチェーン上で確認"
                "し、入金チームが手動で反映作業を行っておりますので、"
                "1時間以内に現物ウォレットに表示される見込みです。"
            ),
            "ko": (
                "{name}님, 자세한 정보 감사합니다. 블록체인에서 TRC20 거래를 확인했고 입금팀에서 "
                "수동으로 반영하고 있으니 한 시간 이내에 현물 지갑에 표시될 예정입니다."
            ),
            "th": (
                "ขอบคุณสำหรับข้อมูลครับคุณ{name} เราพบธุรกรรม TRC20 ของคุณบนบล็อกเชนแล้ว "
                "และทีมฝากเงินกำลังเติมยอดให้ด้วยตนเอง ยอดจะแสดงในกระเป๋า Spot ภายในหนึ่งชั่วโมงครับ"
            ),
            "uk": (
                "Дякуємо за інформацію, {name}. Ми знайшли вашу транзакцію TRC20 у блокчейні й "
                "передали її відділу депозитів для ручного зарахування, кошти з'являться на "
                "спотовому гаманці протягом години."
            ),
            "it": (
                "Grazie per i dettagli, {name}. Abbiamo trovato la tua transazione TRC20 sulla "
                "blockchain e il team depositi la sta accreditando manualmente; il saldo dovrebbe "
                "comparire nel tuo wallet spot entro un'ora."
            ),
        },
    },
    "wrong_network_deposit": {
        "product": "deposits_withdrawals",
        "priority": "urgent",
        "subject": {
            "en": "Sent USDT on the wrong network",
            "zh-CN": "USDT转错网络了",
            "zh-TW": "USDT轉錯網路了",
            "vi": "Chuyển USDT nhầm mạng",
            "id": "Salah jaringan saat deposit USDT",
            "ru": "Отправил USDT не в той сети",
            "es": "Envié USDT por la red equivocada",
            "pt": "Enviei USDT pela rede errada",
            "fr": "USDT envoyés sur le mauvais réseau",
            "de": "USDT über falsches Netzwerk gesendet",
            "tr": "USDT'yi yanlış ağdan gönderdim",
            "ar": "أرسلت USDT على الشبكة الخطأ",
            "ja": "USDTを間違ったネットワークで送金しました",
            "ko": "USDT를 잘못된 네트워크로 보냈어요",
            "th": "โอน USDT ผิดเครือข่าย",
            "uk": "Надіслав USDT не в ту мережу",
            "it": "USDT inviati sulla rete sbagliata",
        },
        "opening": {
            "en": (
                "I made a mistake and sent 1,200 USDT on BEP20 to my Firstline deposit address "
                "that was for ERC20. The transaction went through but nothing shows up in my "
                "account. Is there any way to recover it?"
            ),
            "zh-CN": (
                "我不小心把1200 USDT通过BEP20网络转到了我的ERC20充值地址，"
                "转账已经成功了但账户里什么都没有。请问还能找回吗？"
            ),
            "zh-TW": (
                "我不小心把1200 USDT透過BEP20網路轉到了我的ERC20入金地址，"
                "轉帳已經成功了但帳戶裡什麼都沒有。請問還能找回嗎？"
            ),
            "vi": (
                "Mình lỡ gửi 1.200 USDT qua mạng BEP20 vào địa chỉ nạp ERC20 trên Firstline. Giao "
                "dịch đã thành công nhưng tài khoản không thấy gì cả, có cách nào lấy lại được "
                "không ạ?"
            ),
            "id": (
                "Saya salah kirim 1.200 USDT lewat jaringan BEP20 ke alamat deposit ERC20 saya di "
                "Firstline. Transaksinya sudah berhasil tapi saldo tidak bertambah sama sekali, "
                "apakah dananya masih bisa dikembalikan?"
            ),
            "ru": (
                "Я по ошибке отправил 1200 USDT через сеть BEP20 на свой адрес для депозита в "
                "ERC20. Транзакция прошла, но на счёте ничего не появилось. Можно ли как-то "
                "вернуть средства?"
            ),
            "es": (
                "Me equivoqué y mandé 1.200 USDT por la red BEP20 a mi dirección de depósito de "
                "ERC20 en Firstline. La transacción salió bien pero no me aparece nada en la "
                "cuenta. ¿Hay alguna forma de recuperarlos?"
            ),
            "pt": (
                "Fiz besteira e mandei 1.200 USDT pela rede BEP20 para o meu endereço de depósito "
                "ERC20 na Firstline. A transação foi concluída, mas não apareceu nada na conta. "
                "Tem como recuperar?"
            ),
            "fr": (
                "J'ai fait une erreur et envoyé 1 200 USDT via le réseau BEP20 vers mon adresse de "
                "dépôt ERC20 sur Firstline. La transaction est passée mais rien n'apparaît sur mon "
                "compte. Est-ce qu'il y a un moyen de les récupérer ?"
            ),
            "de": (
                "Ich habe versehentlich 1.200 USDT über BEP20 an meine ERC20-Einzahlungsadresse "
                "bei Firstline geschickt. Die Transaktion ist durch, aber auf meinem Konto ist "
                "nichts angekommen. Kann man das Geld irgendwie zurückholen?"
            ),
            "tr": (
                "Yanlışlıkla 1.200 USDT'yi BEP20 ağı üzerinden Firstline'daki ERC20 yatırma "
                "adresime gönderdim. İşlem başarılı oldu ama hesabımda hiçbir şey görünmüyor. "
                "Paramı geri almanın bir yolu var mı?"
            ),
            "ar": (
                "أرسلت بالخطأ 1200 USDT عبر شبكة BEP20 إلى عنوان الإيداع الخاص بي على شبكة ERC20 "
                "في Firstline. المعاملة تمت بنجاح لكن لم يظهر أي شيء في حسابي. هل يمكن استرجاع "
                "المبلغ؟"
            ),
            "ja": (
                "間違えて1,200 USDTをBEP20ネットワークで、FirstlineのERC20入金アドレスに送ってしま"
                "いました。送金は完了していますが、アカウントには何も反映されていません。"
                "取り戻す方法はありますか。"
            ),
            "ko": (
                "실수로 1,200 USDT를 BEP20 네트워크로 Firstline의 ERC20 입금 주소에 보냈습니다. "
                "전송은 완료됐는데 계정에는 아무것도 안 들어왔어요. 복구할 방법이 있을까요?"
            ),
            "th": (
                "ผมโอน 1,200 USDT ผ่านเครือข่าย BEP20 เข้าที่อยู่ฝากเงิน ERC20 ของ Firstline โดยไม่ได้ตั้งใจครับ "
                "ธุรกรรมสำเร็จแล้วแต่ในบัญชีไม่มีอะไรเข้ามาเลย มีทางกู้คืนได้ไหมครับ"
            ),
            "uk": (
                "Я помилково надіслав 1200 USDT через мережу BEP20 на свою адресу для депозиту в "
                "ERC20 на Firstline. Транзакція пройшла, але на рахунку нічого не з'явилося. Чи "
                "можна якось повернути кошти?"
            ),
            "it": (
                "Ho sbagliato e ho inviato 1.200 USDT tramite la rete BEP20 al mio indirizzo di "
                "deposito ERC20 su Firstline. La transazione è andata a buon fine ma sul conto non "
                "è arrivato niente. C'è un modo per recuperarli?"
            ),
        },
        "follow_up": {
            "en": (
                "The TXID starts with 0x9b41e2 and the amount was 1,200 USDT. I'm really worried, "
                "that's most of my savings. How long will the recovery take?"
            ),
            "zh-CN": (
                "交易哈希是0x9b41e2开头的，金额是1200 USDT。这几乎是我全部的积蓄，我真的很着急，"
                "找回大概需要多长时间？"
            ),
            "zh-TW": (
                "交易雜湊是0x9b41e2開頭的，金額是1200 USDT。這幾乎是我全部的積蓄，我真的很著急，"
                "找回大概需要多長時間？"
            ),
            "vi": (
                "Mã TXID bắt đầu bằng 0x9b41e2, số tiền là 1.200 USDT. Đây gần như là toàn bộ tiền "
                "tiết kiệm của mình, mất bao lâu thì mới lấy lại được?"
            ),
            "id": (
                "TXID-nya diawali 0x9b41e2 dan jumlahnya 1.200 USDT. Itu hampir semua tabungan "
                "saya, kira-kira berapa lama proses pemulihannya?"
            ),
            "ru": (
                "TXID начинается с 0x9b41e2, сумма 1200 USDT. Это почти все мои сбережения, я "
                "очень переживаю. Сколько времени займёт возврат?"
            ),
            "es": (
                "El TXID empieza por 0x9b41e2 y el monto es de 1.200 USDT. Son casi todos mis "
                "ahorros, estoy muy preocupado. ¿Cuánto tarda la recuperación?"
            ),
            "pt": (
                "O TXID começa com 0x9b41e2 e o valor foi de 1.200 USDT. É quase tudo que eu tenho "
                "guardado, estou muito preocupado. Quanto tempo leva a recuperação?"
            ),
            "fr": (
                "Le TXID commence par 0x9b41e2 et le montant est de 1 200 USDT. C'est presque "
                "toutes mes économies, je suis vraiment inquiet. Combien de temps prend la "
                "récupération ?"
            ),
            "de": (
                "Die TXID beginnt mit 0x9b41e2, der Betrag war 1.200 USDT. Das ist fast mein "
                "ganzes Erspartes, ich mache mir große Sorgen. Wie lange dauert die Rückholung?"
            ),
            "tr": (
                "TXID 0x9b41e2 ile başlıyor, tutar 1.200 USDT. Bu neredeyse bütün birikimim, çok "
                "endişeliyim. Kurtarma işlemi ne kadar sürer?"
            ),
            "ar": (
                "رقم المعاملة يبدأ بـ 0x9b41e2 والمبلغ 1200 USDT. هذا تقريباً كل مدخراتي وأنا قلق "
                "جداً، كم من الوقت يستغرق الاسترجاع؟"
            ),
            "ja": (
                "TXIDは0x9b41e2で始まるもので、金額は1,200 USDTです。"
                "貯金のほとんどなので本当に不安です。復旧にはどのくらいかかりますか。"
            ),
            "ko": (
                "TXID는 0x9b41e2로 시작하고 금액은 1,200 USDT입니다. 거의 제 전 재산이라 너무 "
                "걱정돼요. 복구하는 데 얼마나 걸리나요?"
            ),
            "th": (
                "TXID ขึ้นต้นด้วย 0x9b41e2 จำนวน 1,200 USDT ครับ เงินนี้เกือบทั้งหมดที่ผมเก็บไว้ กังวลมากเลย "
                "ต้องใช้เวลากู้คืนนานแค่ไหนครับ"
            ),
            "uk": (
                "TXID починається з 0x9b41e2, сума 1200 USDT. Це майже всі мої заощадження, я дуже "
                "хвилююся. Скільки часу займе повернення?"
            ),
            "it": (
                "Il TXID inizia con 0x9b41e2 e l'importo è di 1.200 USDT. Sono quasi tutti i miei "
                "risparmi, sono davvero preoccupato. Quanto ci vuole per il recupero?"
            ),
        },
        "agent_reply": {
            "en": (
                "Don't worry, {name}: because BEP20 and ERC20 addresses share the same format, "
                "these funds can usually be recovered. I've opened a recovery request with our "
                "wallet team; it typically takes 7-14 business days and a recovery fee may apply."
            ),
            "zh-CN": (
                "{name}您好，请不要担心：BEP20和ERC20的地址格式相同，这类资产通常可以找回。"
                "我已为您向钱包团队提交找回申请，一般需要7到14个工作日，"
                "可能会收取一定的找回手续费。"
            ),
            "zh-TW": (
                "{name}您好，請不用擔心：BEP20和ERC20的地址格式相同，這類資產通常可以找回。"
                "我已為您向錢包團隊提交找回申請，一般需要7到14個工作天，可能會收取一定的手續費。"
            ),
            "vi": (
                "{name} đừng lo lắng nhé: địa chỉ BEP20 và ERC20 có cùng định dạng nên số tiền này "
                "thường có thể khôi phục được. Chúng tôi đã tạo yêu cầu khôi phục gửi đội ví, thời "
                "gian xử lý thường từ 7 đến 14 ngày làm việc và có thể áp dụng phí khôi phục."
            ),
            "id": (
                "Jangan khawatir, {name}: alamat BEP20 dan ERC20 memiliki format yang sama, jadi "
                "dana seperti ini biasanya bisa dipulihkan. Saya sudah membuat permintaan "
                "pemulihan ke tim wallet, prosesnya biasanya 7-14 hari kerja dan mungkin dikenakan "
                "biaya pemulihan."
            ),
            "ru": (
                "Не переживайте, {name}: адреса BEP20 и ERC20 имеют одинаковый формат, поэтому "
                "такие средства обычно удаётся вернуть. Я создал заявку на восстановление в "
                "команду кошельков; обычно это занимает 7–14 рабочих дней, может взиматься "
                "комиссия."
            ),
            "es": (
                "No te preocupes, {name}: las direcciones BEP20 y ERC20 tienen el mismo formato, "
                "así que normalmente estos fondos se pueden recuperar. Ya abrí una solicitud de "
                "recuperación con el equipo de billeteras; suele tardar entre 7 y 14 días hábiles "
                "y puede aplicarse una comisión."
            ),
            "pt": (
                "Fique tranquilo, {name}: os endereços BEP20 e ERC20 têm o mesmo formato, então "
                "normalmente esses fundos podem ser recuperados. Já abri uma solicitação de "
                "recuperação com a equipe de carteiras; o prazo costuma ser de 7 a 14 dias úteis e "
                "pode haver uma taxa."
            ),
            "fr": (
                "Pas d'inquiétude, {name} : les adresses BEP20 et ERC20 ont le même format, ces "
                "fonds peuvent donc généralement être récupérés. J'ai ouvert une demande de "
                "récupération auprès de l'équipe wallets ; comptez 7 à 14 jours ouvrés, des frais "
                "de récupération peuvent s'appliquer."
            ),
            "de": (
                "Keine Sorge, {name}: BEP20- und ERC20-Adressen haben dasselbe Format, daher "
                "lassen sich solche Einzahlungen meistens wiederherstellen. Ich habe eine "
                "Wiederherstellungsanfrage an unser Wallet-Team gestellt; das dauert in der Regel "
                "7 bis 14 Werktage, eventuell fällt eine Gebühr an."
            ),
            "tr": (
                "Endişelenmeyin {name}: BEP20 ve ERC20 adresleri aynı formatta olduğu için bu tür "
                "fonlar genellikle kurtarılabiliyor. Cüzdan ekibimize kurtarma talebi açtım; işlem "
                "genelde 7-14 iş günü sürer ve bir kurtarma ücreti uygulanabilir."
            ),
            "ar": (
                "لا تقلق يا {name}، عناوين BEP20 وERC20 لها نفس الصيغة، لذلك يمكن عادةً استرجاع هذه "
                "الأموال. فتحت لك طلب استرجاع لدى فريق المحافظ، وتستغرق العملية عادةً من 7 إلى 14 "
                "يوم عمل وقد تُفرض رسوم استرجاع."
            ),
            "ja": (
                "{name}様、ご安心ください。BEP20とERC20のアドレスは同じ形式のため、"
                "このような資金は通常復旧が可能です。ウォレットチームに復旧申請を提出しました。"
                "通常7〜14営業日ほどかかり、復旧手数料が発生する場合がございます。"
            ),
            "ko": (
                "{name}님, 걱정하지 마세요. BEP20과 ERC20 주소는 형식이 같아서 이런 자금은 대부분 "
                "복구가 가능합니다. 지갑팀에 복구 요청을 접수했으며 보통 영업일 기준 7~14일이 "
                "걸리고 복구 수수료가 부과될 수 있습니다."
            ),
            "th": (
                "ไม่ต้องกังวลนะคะคุณ{name} ที่อยู่ BEP20 และ ERC20 มีรูปแบบเดียวกัน เงินลักษณะนี้จึงมักกู้คืนได้ค่ะ "
                "ดิฉันได้ส่งคำขอกู้คืนไปยังทีมกระเป๋าเงินแล้ว โดยปกติใช้เวลา 7-14 วันทำการ "
                "และอาจมีค่าธรรมเนียมการกู้คืนค่ะ"
            ),
            "uk": (
                "Не хвилюйтеся, {name}: адреси BEP20 і ERC20 мають однаковий формат, тому такі "
                "кошти зазвичай вдається повернути. Я створив заявку на відновлення для команди "
                "гаманців; зазвичай це триває 7–14 робочих днів, може стягуватися комісія."
            ),
            "it": (
                "Non preoccuparti, {name}: gli indirizzi BEP20 ed ERC20 hanno lo stesso formato, "
                "quindi di solito questi fondi si possono recuperare. Ho aperto una richiesta di "
                "recupero al team wallet; in genere servono 7-14 giorni lavorativi e potrebbe "
                "essere applicata una commissione."
            ),
        },
    },
    "missing_memo_tag": {
        "product": "deposits_withdrawals",
        "priority": "high",
        "subject": {
            "en": "XRP deposit without destination tag",
            "zh-CN": "XRP充值没填标签，币还没到账",
            "zh-TW": "XRP入金忘記填Tag，還沒到帳",
            "vi": "Nạp XRP quên nhập tag",
            "id": "Deposit XRP tanpa tag",
            "ru": "Депозит XRP без тега",
            "es": "Depósito de XRP sin etiqueta de destino",
            "pt": "Depósito de XRP sem tag",
            "fr": "Dépôt XRP sans tag de destination",
            "de": "XRP-Einzahlung ohne Destination Tag",
            "tr": "XRP yatırırken etiketi unuttum",
            "ar": "إيداع XRP بدون Tag",
            "ja": "XRP入金時に宛先タグを入れ忘れました",
            "ko": "XRP 입금 시 태그를 빠뜨렸어요",
            "th": "ฝาก XRP แต่ลืมใส่แท็ก",
            "uk": "Депозит XRP без тегу: кошти не надійшли",
            "it": "Deposito XRP senza destination tag",
        },
        "opening": {
            "en": (
                "I deposited 350 XRP from my Kraken account but forgot to enter the destination "
                "tag. It's been a day and the XRP never showed up in my Firstline account. What do "
                "I need to do?"
            ),
            "zh-CN": (
                "我从Kraken充了350个XRP，但是忘记填写目标标签（Tag）了。已经过去一天了，"
                "XRP还是没有到我的账户，请问我该怎么办？"
            ),
            "zh-TW": (
                "我從Kraken轉了350顆XRP過來，但是忘記填寫目標標籤（Tag）了。已經過了一天，"
                "XRP還是沒有進到我的帳戶，請問我該怎麼處理？"
            ),
            "vi": (
                "Mình đã nạp 350 XRP từ tài khoản Kraken nhưng quên điền destination tag. Đã một "
                "ngày trôi qua mà XRP vẫn chưa vào tài khoản Firstline của mình, giờ mình phải làm "
                "sao?"
            ),
            "id": (
                "Saya deposit 350 XRP dari akun Kraken tapi lupa mengisi destination tag. Sudah "
                "satu hari dan XRP-nya belum juga masuk ke akun Firstline saya, apa yang harus "
                "saya lakukan?"
            ),
            "ru": (
                "Я перевёл 350 XRP со своего аккаунта на Kraken, но забыл указать destination tag. "
                "Прошли уже сутки, а XRP так и не поступили на мой счёт в Firstline. Что мне "
                "теперь делать?"
            ),
            "es": (
                "Deposité 350 XRP desde mi cuenta de Kraken pero se me olvidó poner el destination "
                "tag. Ya pasó un día y los XRP no aparecen en mi cuenta de Firstline. ¿Qué tengo "
                "que hacer?"
            ),
            "pt": (
                "Depositei 350 XRP da minha conta na Kraken, mas esqueci de colocar a destination "
                "tag. Já faz um dia e os XRP não apareceram na minha conta da Firstline. O que eu "
                "preciso fazer?"
            ),
            "fr": (
                "J'ai déposé 350 XRP depuis mon compte Kraken mais j'ai oublié d'indiquer le tag "
                "de destination. Ça fait un jour et les XRP ne sont toujours pas arrivés sur mon "
                "compte Firstline. Qu'est-ce que je dois faire ?"
            ),
            "de": (
                "Ich habe 350 XRP von meinem Kraken-Konto eingezahlt, aber vergessen, den "
                "Destination Tag anzugeben. Jetzt ist schon ein Tag vergangen und die XRP sind "
                "immer noch nicht auf meinem Firstline-Konto. Was muss ich tun?"
            ),
            "tr": (
                "Kraken hesabımdan 350 XRP yatırdım ama destination tag girmeyi unuttum. Bir gün "
                "geçti ve XRP'ler hâlâ Firstline hesabıma gelmedi. Ne yapmam gerekiyor?"
            ),
            "ar": (
                "أودعت 350 XRP من حسابي في Kraken لكنني نسيت إدخال الـ Destination Tag. مر يوم "
                "كامل ولم تصل العملات إلى حسابي في Firstline. ماذا يجب أن أفعل؟"
            ),
            "ja": (
                "KrakenのアカウントからXRPを350枚入金したのですが、宛先タグ（Destination Tag）"
                "を入力し忘れてしまいました。丸一日経ってもFirstlineのアカウントに反映されません。"
                "どうすればいいでしょうか。"
            ),
            "ko": (
                "크라켄 계정에서 XRP 350개를 입금했는데 데스티네이션 태그를 입력하지 않았어요. "
                "하루가 지났는데도 Firstline 계정에 XRP가 안 들어왔습니다. 어떻게 해야 하나요?"
            ),
            "th": (
                "ฉันฝาก 350 XRP จากบัญชี Kraken แต่ลืมใส่ Destination Tag ค่ะ ผ่านไปหนึ่งวันแล้ว "
                "เหรียญก็ยังไม่เข้าบัญชี Firstline เลย ต้องทำอย่างไรบ้างคะ"
            ),
            "uk": (
                "Я переказав 350 XRP зі свого акаунта на Kraken, але забув вказати destination "
                "tag. Минула вже доба, а XRP так і не надійшли на мій рахунок у Firstline. Що мені "
                "тепер робити?"
            ),
            "it": (
                "Ho depositato 350 XRP dal mio account Kraken ma ho dimenticato di inserire il "
                "destination tag. È passato un giorno e gli XRP non sono ancora arrivati sul mio "
                "conto Firstline. Cosa devo fare?"
            ),
        },
        "follow_up": {
            "en": (
                "Here's the transaction hash: 4E1F0A7B... I sent it from my own Kraken account, so "
                "I can prove ownership if needed."
            ),
            "zh-CN": (
                "交易哈希是4E1F0A7B开头的，是从我自己的Kraken账户提出来的，如果需要我可以提供证明。"
            ),
            "zh-TW": (
                "交易雜湊是4E1F0A7B開頭的，是從我自己的Kraken帳戶提出來的，如果需要我可以提供證明。"
            ),
            "vi": (
                "Đây là mã giao dịch: 4E1F0A7B... Mình gửi từ chính tài khoản Kraken của mình nên "
                "có thể chứng minh nếu cần."
            ),
            "id": (
                "Ini hash transaksinya: 4E1F0A7B... Saya kirim dari akun Kraken milik saya "
                "sendiri, jadi kalau perlu saya bisa buktikan."
            ),
            "ru": (
                "Вот хеш транзакции: 4E1F0A7B... Я отправлял со своего собственного аккаунта "
                "Kraken, так что могу подтвердить, что это мои средства."
            ),
            "es": (
                "Este es el hash de la transacción: 4E1F0A7B... Los envié desde mi propia cuenta "
                "de Kraken, así que puedo demostrar que son míos si hace falta."
            ),
            "pt": (
                "Segue o hash da transação: 4E1F0A7B... Enviei da minha própria conta na Kraken, "
                "então consigo comprovar que são meus se precisar."
            ),
            "fr": (
                "Voici le hash de la transaction : 4E1F0A7B... Je les ai envoyés depuis mon propre "
                "compte Kraken, je peux donc prouver qu'ils m'appartiennent si besoin."
            ),
            "de": (
                "Hier ist der Transaktions-Hash: 4E1F0A7B... Ich habe von meinem eigenen "
                "Kraken-Konto gesendet und kann das bei Bedarf nachweisen."
            ),
            "tr": (
                "İşlem hash'i şu: 4E1F0A7B... Kendi Kraken hesabımdan gönderdim, gerekirse bunu "
                "kanıtlayabilirim."
            ),
            "ar": (
                "هذا هاش المعاملة: 4E1F0A7B... أرسلتها من حسابي الشخصي في Kraken، ويمكنني إثبات "
                "ذلك إذا لزم الأمر."
            ),
            "ja": (
                "トランザクションハッシュは4E1F0A7Bで始まるものです。"
                "自分のKrakenアカウントから送ったので、必要なら証明できます。"
            ),
            "ko": (
                "트랜잭션 해시는 4E1F0A7B로 시작합니다. 제 본인 크라켄 계정에서 보낸 거라 필요하면 "
                "증빙할 수 있어요."
            ),
            "th": (
                "นี่คือแฮชของธุรกรรม: 4E1F0A7B... ฉันโอนมาจากบัญชี Kraken ของตัวเอง ถ้าต้องการหลักฐานก็ส่งให้ได้ค่ะ"
            ),
            "uk": (
                "Ось хеш транзакції: 4E1F0A7B... Я надсилав зі свого власного акаунта Kraken, тож "
                "можу підтвердити, що це мої кошти."
            ),
            "it": (
                "Ecco l'hash della transazione: 4E1F0A7B... Li ho mandati dal mio account Kraken "
                "personale, quindi posso dimostrare che sono miei se serve."
            ),
        },
        "agent_reply": {
            "en": (
                "Thanks, {name}. Deposits without a tag land in our shared wallet, so we need to "
                "match yours manually: please reply with a screenshot of the Kraken withdrawal "
                "record showing the hash and amount, and we'll credit it within 3 business days."
            ),
            "zh-CN": (
                "谢谢您，{name}。未填写标签的充值会进入我们的公共钱包，需要人工匹配："
                "请回复一张Kraken提币记录的截图，需显示交易哈希和数量，"
                "我们会在3个工作日内为您入账。"
            ),
            "zh-TW": (
                "謝謝您，{name}。沒有填寫標籤的入金會進入我們的共用錢包，需要人工比對："
                "請回覆一張Kraken提領紀錄的截圖，需顯示交易雜湊和數量，"
                "我們會在3個工作天內為您入帳。"
            ),
            "vi": (
                "Cảm ơn {name}. Các khoản nạp không có tag sẽ vào ví chung của sàn nên cần đối "
                "chiếu thủ công: bạn vui lòng gửi ảnh chụp lịch sử rút tiền trên Kraken có hiển "
                "thị mã giao dịch và số lượng, chúng tôi sẽ ghi có trong vòng 3 ngày làm việc."
            ),
            "id": (
                "Terima kasih, {name}. Deposit tanpa tag masuk ke dompet bersama kami, jadi perlu "
                "dicocokkan secara manual: mohon kirimkan tangkapan layar riwayat penarikan di "
                "Kraken yang menunjukkan hash dan jumlahnya, dan kami akan mengkreditkannya dalam "
                "3 hari kerja."
            ),
            "ru": (
                "Спасибо, {name}. Депозиты без тега попадают на наш общий кошелёк, поэтому их "
                "нужно сопоставить вручную: пришлите, пожалуйста, скриншот вывода из Kraken с "
                "хешем и суммой, и мы зачислим средства в течение 3 рабочих дней."
            ),
            "es": (
                "Gracias, {name}. Los depósitos sin etiqueta llegan a nuestra billetera común y "
                "hay que asignarlos a mano: responde con una captura del retiro en Kraken donde se "
                "vean el hash y el monto, y lo acreditaremos en un plazo de 3 días hábiles."
            ),
            "pt": (
                "Obrigado, {name}. Depósitos sem tag caem na nossa carteira compartilhada e "
                "precisam ser identificados manualmente: responda com um print do saque na Kraken "
                "mostrando o hash e o valor, e vamos creditar em até 3 dias úteis."
            ),
            "fr": (
                "Merci, {name}. Les dépôts sans tag arrivent sur notre portefeuille commun et "
                "doivent être attribués manuellement : envoyez-nous une capture du retrait sur "
                "Kraken montrant le hash et le montant, et nous créditerons votre compte sous 3 "
                "jours ouvrés."
            ),
            "de": (
                "Danke, {name}. Einzahlungen ohne Tag landen in unserem Sammel-Wallet und müssen "
                "manuell zugeordnet werden: Bitte schicken Sie uns einen Screenshot der Auszahlung "
                "bei Kraken mit Hash und Betrag, dann schreiben wir den Betrag innerhalb von 3 "
                "Werktagen gut."
            ),
            "tr": (
                "Teşekkürler {name}. Etiketsiz yatırımlar ortak cüzdanımıza düşüyor ve manuel "
                "olarak eşleştirilmesi gerekiyor: lütfen Kraken'deki çekim kaydının hash ve tutarı "
                "gösteren bir ekran görüntüsünü gönderin, 3 iş günü içinde hesabınıza aktaralım."
            ),
            "ar": (
                "شكراً يا {name}. الإيداعات بدون Tag تصل إلى محفظتنا المشتركة ويجب مطابقتها يدوياً: "
                "يرجى إرسال لقطة شاشة لعملية السحب من Kraken تظهر فيها قيمة الهاش والمبلغ، وسنضيف "
                "الرصيد إلى حسابك خلال 3 أيام عمل."
            ),
            "ja": (
                "{name}様、ありがとうございます。タグなしの入金は共通ウォレットに着金するため手動で"
                "の照合が必要です。ハッシュと数量が表示されたKrakenの出金履歴のスクリーンショットを"
                "ご返信いただければ、3営業日以内に反映いたします。"
            ),
            "ko": (
                "{name}님, 감사합니다. 태그 없이 입금된 자산은 공용 지갑으로 들어가기 때문에 "
                "수동으로 확인해야 합니다. 해시와 수량이 보이는 크라켄 출금 내역 스크린샷을 회신해 "
                "주시면 영업일 기준 3일 이내에 반영해 드리겠습니다."
            ),
            "th": (
                "ขอบคุณครับคุณ{name} ยอดฝากที่ไม่มีแท็กจะเข้ากระเป๋ารวมของเรา จึงต้องตรวจสอบด้วยตนเอง "
                "รบกวนส่งภาพหน้าจอประวัติการถอนจาก Kraken ที่เห็นแฮชและจำนวนเงิน แล้วเราจะเติมยอดให้ภายใน 3 "
                "วันทำการครับ"
            ),
            "uk": (
                "Дякуємо, {name}. Депозити без тегу потрапляють на наш спільний гаманець, тому їх "
                "треба зіставити вручну: надішліть, будь ласка, скріншот виведення з Kraken із "
                "хешем і сумою, і ми зарахуємо кошти протягом 3 робочих днів."
            ),
            "it": (
                "Grazie, {name}. I depositi senza tag arrivano sul nostro wallet comune e vanno "
                "abbinati a mano: rispondi con uno screenshot del prelievo su Kraken in cui si "
                "vedano hash e importo, e li accrediteremo entro 3 giorni lavorativi."
            ),
        },
    },
    "reset_2fa": {
        "product": "account_security",
        "priority": "high",
        "subject": {
            "en": "Lost phone, need to reset 2FA",
            "zh-CN": "手机丢了，需要重置谷歌验证",
            "zh-TW": "手機遺失，需要重設雙重驗證",
            "vi": "Mất điện thoại, cần đặt lại 2FA",
            "id": "HP hilang, perlu reset 2FA",
            "ru": "Потерял телефон, нужно сбросить 2FA",
            "es": "Perdí el celular, necesito restablecer el 2FA",
            "pt": "Perdi o celular, preciso redefinir o 2FA",
            "fr": "Téléphone perdu, réinitialisation de la 2FA",
            "de": "Handy verloren, 2FA zurücksetzen",
            "tr": "Telefonumu kaybettim, 2FA sıfırlama",
            "ar": "فقدت هاتفي وأحتاج إلى إعادة تعيين المصادقة الثنائية",
            "ja": "スマホ紛失のため2段階認証をリセットしたい",
            "ko": "휴대폰 분실로 OTP 초기화가 필요해요",
            "th": "โทรศัพท์หาย ต้องการรีเซ็ต 2FA",
            "uk": "Загубив телефон, потрібно скинути 2FA",
            "it": "Telefono perso, devo resettare la 2FA",
        },
        "opening": {
            "en": (
                "My phone was stolen last week and I lost access to Google Authenticator, so I "
                "can't log in to my Firstline account anymore. I still have my email and my ID. "
                "How do I reset 2FA?"
            ),
            "zh-CN": (
                "我上周手机被偷了，谷歌验证器也没了，现在登录不了我的账户。邮箱和身份证都还在，"
                "请问怎么重置二次验证？"
            ),
            "zh-TW": (
                "我上週手機被偷了，Google驗證器也沒了，現在登入不了我的帳戶。信箱和身分證都還在，"
                "請問要怎麼重設兩步驟驗證？"
            ),
            "vi": (
                "Tuần trước mình bị mất điện thoại nên không còn Google Authenticator, giờ không "
                "đăng nhập được vào tài khoản Firstline nữa. Email và CCCD mình vẫn còn, làm sao "
                "để đặt lại 2FA vậy?"
            ),
            "id": (
                "HP saya dicuri minggu lalu dan Google Authenticator ikut hilang, jadi sekarang "
                "saya tidak bisa login ke akun Firstline. Email dan KTP saya masih ada, bagaimana "
                "cara reset 2FA?"
            ),
            "ru": (
                "На прошлой неделе у меня украли телефон вместе с Google Authenticator, и теперь я "
                "не могу войти в свой аккаунт Firstline. Электронная почта и паспорт у меня есть, "
                "как сбросить двухфакторную аутентификацию?"
            ),
            "es": (
                "La semana pasada me robaron el celular y perdí el Google Authenticator, así que "
                "ya no puedo entrar a mi cuenta de Firstline. Todavía tengo acceso a mi correo y "
                "tengo mi documento de identidad. ¿Cómo restablezco el 2FA?"
            ),
            "pt": (
                "Roubaram meu celular semana passada e perdi o Google Authenticator, então não "
                "consigo mais entrar na minha conta da Firstline. Ainda tenho acesso ao e-mail e "
                "tenho meu RG. Como faço para redefinir o 2FA?"
            ),
            "fr": (
                "On m'a volé mon téléphone la semaine dernière et j'ai perdu Google Authenticator, "
                "je ne peux donc plus me connecter à mon compte Firstline. J'ai toujours accès à "
                "mon e-mail et j'ai ma pièce d'identité. Comment réinitialiser la 2FA ?"
            ),
            "de": (
                "Mir wurde letzte Woche das Handy gestohlen und damit auch der Google "
                "Authenticator, deshalb komme ich nicht mehr in mein Firstline-Konto. Meine E-Mail "
                "und meinen Ausweis habe ich noch. Wie kann ich die 2FA zurücksetzen?"
            ),
            "tr": (
                "Geçen hafta telefonum çalındı ve Google Authenticator'a erişimim kalmadı, bu "
                "yüzden Firstline hesabıma giriş yapamıyorum. E-postam ve kimliğim duruyor. 2FA'yı "
                "nasıl sıfırlayabilirim?"
            ),
            "ar": (
                "سُرق هاتفي الأسبوع الماضي وفقدت تطبيق Google Authenticator، ولم أعد أستطيع الدخول "
                "إلى حسابي في Firstline. ما زال لدي البريد الإلكتروني وبطاقة الهوية، كيف أعيد "
                "تعيين المصادقة الثنائية؟"
            ),
            "ja": (
                "先週スマホを盗まれてGoogle Authenticatorが使えなくなり、"
                "Firstlineのアカウントにログインできません。メールアドレスと身分証はあります。"
                "2段階認証はどうやってリセットすればいいですか。"
            ),
            "ko": (
                "지난주에 휴대폰을 도난당해서 구글 OTP를 쓸 수 없게 됐고, 지금 Firstline 계정에 "
                "로그인을 못 하고 있어요. 이메일과 신분증은 있는데 2단계 인증은 어떻게 "
                "초기화하나요?"
            ),
            "th": (
                "โทรศัพท์ผมโดนขโมยไปเมื่อสัปดาห์ที่แล้ว Google Authenticator ก็หายไปด้วย ตอนนี้เข้าบัญชี Firstline "
                "ไม่ได้เลยครับ อีเมลกับบัตรประชาชนยังอยู่ครบ ต้องรีเซ็ต 2FA ยังไงครับ"
            ),
            "uk": (
                "Минулого тижня в мене вкрали телефон разом із Google Authenticator, і тепер я не "
                "можу увійти у свій акаунт Firstline. Пошта й паспорт у мене є, як скинути "
                "двофакторну автентифікацію?"
            ),
            "it": (
                "La settimana scorsa mi hanno rubato il telefono e ho perso Google Authenticator, "
                "quindi non riesco più ad accedere al mio account Firstline. Ho ancora la mia "
                "email e il documento d'identità. Come faccio a resettare la 2FA?"
            ),
        },
        "follow_up": {
            "en": (
                "I started the reset but it's asking me for a selfie with my passport, and the "
                "upload keeps failing on my laptop. Is there another way?"
            ),
            "zh-CN": (
                "我已经申请重置了，但是要求上传手持护照的自拍，电脑上一直上传失败，还有别的办法吗？"
            ),
            "zh-TW": (
                "我已經申請重設了，但系統要求上傳手持護照的自拍，電腦上一直上傳失敗，"
                "還有其他辦法嗎？"
            ),
            "vi": (
                "Mình đã gửi yêu cầu đặt lại nhưng hệ thống bắt chụp ảnh selfie cầm hộ chiếu, tải "
                "lên trên laptop cứ bị lỗi hoài. Có cách nào khác không?"
            ),
            "id": (
                "Saya sudah mengajukan reset tapi diminta selfie sambil memegang paspor, dan "
                "unggahannya selalu gagal di laptop. Apakah ada cara lain?"
            ),
            "ru": (
                "Я уже подал заявку на сброс, но система просит селфи с паспортом в руках, а с "
                "ноутбука загрузка постоянно выдаёт ошибку. Есть какой-то другой способ?"
            ),
            "es": (
                "Ya inicié el restablecimiento pero me pide una selfie con el pasaporte y la "
                "subida falla todo el tiempo desde la computadora. ¿Hay otra forma?"
            ),
            "pt": (
                "Já comecei a redefinição, mas está pedindo uma selfie segurando o passaporte e o "
                "upload fica dando erro no notebook. Tem outro jeito?"
            ),
            "fr": (
                "J'ai lancé la réinitialisation mais on me demande un selfie avec mon passeport et "
                "l'envoi échoue à chaque fois depuis mon ordinateur portable. Il y a une autre "
                "solution ?"
            ),
            "de": (
                "Ich habe das Zurücksetzen gestartet, aber es wird ein Selfie mit Reisepass "
                "verlangt und der Upload schlägt am Laptop immer wieder fehl. Gibt es einen "
                "anderen Weg?"
            ),
            "tr": (
                "Sıfırlama talebini başlattım ama pasaportla selfie istiyor ve dizüstü "
                "bilgisayardan yükleme sürekli hata veriyor. Başka bir yolu var mı?"
            ),
            "ar": (
                "بدأت طلب إعادة التعيين لكنه يطلب صورة سيلفي مع جواز السفر، والرفع يفشل دائماً من "
                "اللابتوب. هل توجد طريقة أخرى؟"
            ),
            "ja": (
                "リセット申請を始めたのですが、パスポートを持ったセルフィーを求められ、"
                "ノートパソコンからだと何度やってもアップロードに失敗します。"
                "ほかの方法はありますか。"
            ),
            "ko": (
                "초기화 신청은 했는데 여권을 들고 찍은 셀카를 요구하고, 노트북에서는 업로드가 계속 "
                "실패해요. 다른 방법은 없을까요?"
            ),
            "th": "ผมกดขอรีเซ็ตแล้ว แต่ระบบให้ถ่ายเซลฟี่คู่กับพาสปอร์ต แล้วอัปโหลดจากโน้ตบุ๊กไม่ผ่านสักที มีวิธีอื่นไหมครับ",
            "uk": (
                "Я вже подав заявку на скидання, але система просить селфі з паспортом у руках, а "
                "з ноутбука завантаження постійно видає помилку. Чи є інший спосіб?"
            ),
            "it": (
                "Ho avviato il reset ma mi chiede un selfie con il passaporto in mano e dal "
                "portatile il caricamento fallisce ogni volta. C'è un altro modo?"
            ),
        },
        "agent_reply": {
            "en": (
                "Sorry to hear about your phone, {name}. For your security, 2FA resets require a "
                "short identity check; please try the upload from the mobile app or a different "
                "browser, and once approved your withdrawals will be locked for 24 hours as a "
                "precaution."
            ),
            "zh-CN": (
                "{name}您好，很抱歉听到您手机丢失。为了保障账户安全，重置二次验证需要完成身份核验；"
                "请尝试在手机App或换一个浏览器上传，审核通过后为安全起见提币功能将暂停24小时。"
            ),
            "zh-TW": (
                "{name}您好，很遺憾聽到您的手機遺失。為了保障帳戶安全，"
                "重設雙重驗證需要完成身分核驗；請改用手機App或其他瀏覽器上傳，審核通過後，"
                "基於安全考量提領功能會暫停24小時。"
            ),
            "vi": (
                "Rất tiếc khi nghe bạn bị mất điện thoại, {name}. Để bảo vệ tài khoản, việc đặt "
                "lại 2FA cần xác minh danh tính; bạn hãy thử tải ảnh lên bằng ứng dụng di động "
                "hoặc trình duyệt khác, sau khi duyệt xong chức năng rút tiền sẽ tạm khóa 24 giờ "
                "để đảm bảo an toàn."
            ),
            "id": (
                "Mohon maaf atas kejadiannya, {name}. Demi keamanan akun, reset 2FA memerlukan "
                "verifikasi identitas singkat; silakan coba unggah lewat aplikasi seluler atau "
                "browser lain, dan setelah disetujui penarikan akan dikunci selama 24 jam sebagai "
                "tindakan pencegahan."
            ),
            "ru": (
                "Сочувствую из-за телефона, {name}. В целях безопасности сброс 2FA требует "
                "короткой проверки личности; попробуйте загрузить фото через мобильное приложение "
                "или другой браузер, а после одобрения вывод средств будет заблокирован на 24 часа "
                "в качестве меры предосторожности."
            ),
            "es": (
                "Lamento lo de tu teléfono, {name}. Por tu seguridad, restablecer el 2FA requiere "
                "una breve verificación de identidad; intenta subir la foto desde la app móvil o "
                "con otro navegador, y una vez aprobado, los retiros quedarán bloqueados 24 horas "
                "como precaución."
            ),
            "pt": (
                "Sinto muito pelo seu celular, {name}. Por segurança, a redefinição do 2FA exige "
                "uma rápida verificação de identidade; tente enviar pelo app no celular ou por "
                "outro navegador, e após a aprovação os saques ficam bloqueados por 24 horas como "
                "precaução."
            ),
            "fr": (
                "Désolé pour votre téléphone, {name}. Pour votre sécurité, la réinitialisation de "
                "la 2FA nécessite une courte vérification d'identité ; essayez l'envoi depuis "
                "l'application mobile ou un autre navigateur, et une fois la demande validée, les "
                "retraits seront bloqués 24 heures par précaution."
            ),
            "de": (
                "Das mit Ihrem Handy tut mir leid, {name}. Zu Ihrer Sicherheit erfordert das "
                "Zurücksetzen der 2FA eine kurze Identitätsprüfung; versuchen Sie den Upload bitte "
                "über die App oder einen anderen Browser, nach der Freigabe sind Auszahlungen "
                "vorsorglich 24 Stunden gesperrt."
            ),
            "tr": (
                "Telefonunuz için çok üzgünüz {name}. Güvenliğiniz için 2FA sıfırlama kısa bir "
                "kimlik doğrulaması gerektiriyor; lütfen yüklemeyi mobil uygulamadan veya farklı "
                "bir tarayıcıdan deneyin, onaylandıktan sonra önlem olarak para çekme işlemleri 24 "
                "saat kilitli kalacaktır."
            ),
            "ar": (
                "نأسف لما حدث لهاتفك يا {name}. لحماية حسابك تتطلب إعادة تعيين المصادقة الثنائية "
                "تحققاً سريعاً من الهوية؛ جرّب الرفع من تطبيق الهاتف أو من متصفح آخر، وبعد الموافقة "
                "ستُقفل عمليات السحب لمدة 24 ساعة كإجراء احترازي."
            ),
            "ja": (
                "{name}様、スマホの件、大変でしたね。安全のため2段階認証のリセットには簡単な本人確"
                "認が必要です。モバイルアプリまたは別のブラウザからアップロードをお試しください。"
                "承認後は念のため24時間出金が制限されます。"
            ),
            "ko": (
                "{name}님, 휴대폰을 잃어버리셔서 많이 당황하셨겠어요. 보안을 위해 2단계 인증 "
                "초기화에는 간단한 본인 확인이 필요하니 모바일 앱이나 다른 브라우저로 업로드해 "
                "보시고, 승인 후에는 예방 차원에서 24시간 동안 출금이 제한됩니다."
            ),
            "th": (
                "เสียใจด้วยเรื่องโทรศัพท์นะคะคุณ{name} เพื่อความปลอดภัย การรีเซ็ต 2FA ต้องยืนยันตัวตนสั้น ๆ "
                "ลองอัปโหลดผ่านแอปมือถือหรือเบราว์เซอร์อื่นดูนะคะ หลังอนุมัติแล้วระบบจะระงับการถอนเงิน 24 "
                "ชั่วโมงเพื่อความปลอดภัยค่ะ"
            ),
            "uk": (
                "Співчуваємо через телефон, {name}. З міркувань безпеки скидання 2FA потребує "
                "короткої перевірки особи; спробуйте завантажити фото через мобільний застосунок "
                "або інший браузер, а після схвалення виведення коштів буде заблоковано на 24 "
                "години з обережності."
            ),
            "it": (
                "Mi dispiace per il telefono, {name}. Per la tua sicurezza il reset della 2FA "
                "richiede una breve verifica dell'identità; prova a caricare la foto dall'app "
                "mobile o da un altro browser e, una volta approvato, i prelievi resteranno "
                "bloccati per 24 ore per precauzione."
            ),
        },
    },
    "kyc_status": {
        "product": "account_security",
        "priority": "normal",
        "subject": {
            "en": "KYC verification still pending",
            "zh-CN": "实名认证一直在审核中",
            "zh-TW": "身分驗證一直在審核中",
            "vi": "Xác minh KYC vẫn đang chờ duyệt",
            "id": "Verifikasi KYC masih diproses",
            "ru": "Верификация KYC всё ещё на проверке",
            "es": "Verificación KYC sigue pendiente",
            "pt": "Verificação KYC ainda em análise",
            "fr": "Vérification KYC toujours en attente",
            "de": "KYC-Verifizierung noch ausstehend",
            "tr": "KYC doğrulamam hâlâ beklemede",
            "ar": "التحقق من الهوية (KYC) ما زال قيد المراجعة",
            "ja": "本人確認（KYC）の審査が終わりません",
            "ko": "KYC 인증이 계속 심사 중이에요",
            "th": "ยืนยันตัวตน KYC ยังรอตรวจสอบอยู่",
            "uk": "Верифікація KYC досі на перевірці",
            "it": "Verifica KYC ancora in attesa",
        },
        "opening": {
            "en": (
                "I submitted my KYC documents five days ago and the status still says 'under "
                "review'. I can't withdraw more than 2,000 USDT per day until it's approved. Is "
                "there a problem with my application?"
            ),
            "zh-CN": (
                "我五天前提交了KYC资料，到现在状态还是“审核中”。没通过之前每天最多只能提现2000 "
                "USDT，请问我的申请是不是有什么问题？"
            ),
            "zh-TW": (
                "我五天前提交了KYC資料，到現在狀態還是「審核中」。沒通過之前每天最多只能提領2000 "
                "USDT，請問我的申請是不是有什麼問題？"
            ),
            "vi": (
                "Mình đã nộp giấy tờ KYC từ năm ngày trước mà trạng thái vẫn là 'đang xem xét'. "
                "Khi chưa được duyệt thì mỗi ngày mình chỉ rút được tối đa 2.000 USDT, hồ sơ của "
                "mình có vấn đề gì không?"
            ),
            "id": (
                "Saya sudah mengirim dokumen KYC lima hari yang lalu tapi statusnya masih 'sedang "
                "ditinjau'. Selama belum disetujui, saya hanya bisa menarik maksimal 2.000 USDT "
                "per hari. Apakah ada masalah dengan pengajuan saya?"
            ),
            "ru": (
                "Пять дней назад я отправил документы для KYC, а статус до сих пор «на "
                "рассмотрении». Пока верификация не пройдена, я могу выводить не больше 2000 USDT "
                "в сутки. С моей заявкой какие-то проблемы?"
            ),
            "es": (
                "Envié mis documentos de KYC hace cinco días y el estado sigue diciendo 'en "
                "revisión'. Mientras no me aprueben solo puedo retirar hasta 2.000 USDT por día. "
                "¿Hay algún problema con mi solicitud?"
            ),
            "pt": (
                "Enviei meus documentos do KYC faz cinco dias e o status continua 'em análise'. "
                "Enquanto não aprovar, só consigo sacar até 2.000 USDT por dia. Tem algum problema "
                "com o meu cadastro?"
            ),
            "fr": (
                "J'ai envoyé mes documents KYC il y a cinq jours et le statut indique toujours « "
                "en cours d'examen ». Tant que ce n'est pas validé, je ne peux pas retirer plus de "
                "2 000 USDT par jour. Est-ce qu'il y a un problème avec mon dossier ?"
            ),
            "de": (
                "Ich habe meine KYC-Unterlagen vor fünf Tagen eingereicht und der Status steht "
                "immer noch auf „in Prüfung“. Bis zur Freigabe kann ich nur 2.000 USDT pro Tag "
                "auszahlen. Gibt es ein Problem mit meinem Antrag?"
            ),
            "tr": (
                "Beş gün önce KYC belgelerimi gönderdim ama durum hâlâ 'inceleniyor' yazıyor. "
                "Onaylanana kadar günde en fazla 2.000 USDT çekebiliyorum. Başvurumda bir sorun mu "
                "var?"
            ),
            "ar": (
                "أرسلت مستندات التحقق KYC قبل خمسة أيام وما زالت الحالة 'قيد المراجعة'. لا أستطيع "
                "سحب أكثر من 2000 USDT يومياً حتى تتم الموافقة. هل هناك مشكلة في طلبي؟"
            ),
            "ja": (
                "5日前にKYCの書類を提出しましたが、ステータスがまだ「審査中」のままです。"
                "承認されるまで1日2,000 USDTまでしか出金できないので困っています。"
                "申請に何か問題がありますか。"
            ),
            "ko": (
                "5일 전에 KYC 서류를 제출했는데 아직도 상태가 '심사 중'으로 나와요. 승인 전에는 "
                "하루 최대 2,000 USDT까지만 출금할 수 있어서 불편합니다. 제 신청에 문제가 있나요?"
            ),
            "th": (
                "ส่งเอกสาร KYC ไปตั้งแต่ห้าวันก่อน แต่สถานะยังขึ้นว่า 'กำลังตรวจสอบ' อยู่เลยค่ะ ระหว่างนี้ถอนได้แค่วันละ "
                "2,000 USDT ใบสมัครของฉันมีปัญหาอะไรหรือเปล่าคะ"
            ),
            "uk": (
                "П'ять днів тому я надіслав документи для KYC, а статус досі «на розгляді». Поки "
                "верифікацію не пройдено, я можу виводити не більше 2000 USDT на добу. З моєю "
                "заявкою якісь проблеми?"
            ),
            "it": (
                "Ho inviato i documenti per il KYC cinque giorni fa e lo stato è ancora 'in "
                "revisione'. Finché non viene approvato posso prelevare al massimo 2.000 USDT al "
                "giorno. C'è qualche problema con la mia richiesta?"
            ),
        },
        "follow_up": {
            "en": (
                "I checked again today and nothing has changed. My driver's license is valid and "
                "the photos were clear. Can you speed this up?"
            ),
            "zh-CN": (
                "我今天又看了一下，还是没有任何变化。我的驾照在有效期内，照片也很清楚，"
                "能不能帮我加快一下？"
            ),
            "zh-TW": (
                "我今天又看了一下，還是沒有任何變化。我的駕照在有效期內，照片也很清楚，"
                "能不能幫我加快處理？"
            ),
            "vi": (
                "Hôm nay mình kiểm tra lại vẫn không có gì thay đổi. Bằng lái xe của mình còn hạn "
                "và ảnh chụp rất rõ, bạn có thể giúp đẩy nhanh được không?"
            ),
            "id": (
                "Hari ini saya cek lagi dan belum ada perubahan apa pun. SIM saya masih berlaku "
                "dan fotonya jelas, bisa tolong dipercepat?"
            ),
            "ru": (
                "Сегодня снова проверил, ничего не изменилось. Водительское удостоверение "
                "действительное, фотографии чёткие. Можно как-то ускорить?"
            ),
            "es": (
                "Hoy volví a revisar y no ha cambiado nada. Mi licencia de conducir está vigente y "
                "las fotos se ven claras. ¿Pueden agilizarlo?"
            ),
            "pt": (
                "Conferi de novo hoje e nada mudou. Minha CNH está dentro da validade e as fotos "
                "ficaram nítidas. Vocês conseguem agilizar?"
            ),
            "fr": (
                "J'ai revérifié aujourd'hui et rien n'a changé. Mon permis de conduire est valide "
                "et les photos étaient nettes. Est-ce que vous pouvez accélérer les choses ?"
            ),
            "de": (
                "Ich habe heute nochmal nachgeschaut und es hat sich nichts geändert. Mein "
                "Führerschein ist gültig und die Fotos waren scharf. Können Sie das beschleunigen?"
            ),
            "tr": (
                "Bugün tekrar baktım, hiçbir şey değişmemiş. Ehliyetim geçerli ve fotoğraflar da "
                "netti. Süreci hızlandırabilir misiniz?"
            ),
            "ar": (
                "تحققت مرة أخرى اليوم ولم يتغير شيء. رخصة القيادة سارية والصور واضحة. هل يمكنكم "
                "تسريع العملية؟"
            ),
            "ja": (
                "今日もう一度確認しましたが、何も変わっていません。運転免許証は有効期限内で、"
                "写真もはっきり写っています。早めていただけませんか。"
            ),
            "ko": (
                "오늘 다시 확인해 봤는데 아무 변화가 없네요. 운전면허증도 유효하고 사진도 선명하게 "
                "찍었어요. 좀 빨리 처리해 주실 수 있나요?"
            ),
            "th": "วันนี้เช็กอีกรอบก็ยังไม่มีอะไรเปลี่ยนค่ะ ใบขับขี่ยังไม่หมดอายุและรูปก็ชัดเจน ช่วยเร่งให้ได้ไหมคะ",
            "uk": (
                "Сьогодні знову перевірив, нічого не змінилося. Посвідчення водія дійсне, "
                "фотографії чіткі. Можна якось пришвидшити?"
            ),
            "it": (
                "Ho ricontrollato oggi e non è cambiato niente. La mia patente è valida e le foto "
                "erano nitide. Potete velocizzare la pratica?"
            ),
        },
        "agent_reply": {
            "en": (
                "Thanks for your patience, {name}. I checked your application and it's in the "
                "final review queue, which is running a bit longer than usual this week; you'll "
                "get an email as soon as it's approved, typically within 48 hours."
            ),
            "zh-CN": (
                "{name}您好，感谢您的耐心等待。我查看了您的申请，目前已进入最终审核阶段，"
                "本周审核量较大所以稍慢一些；通过后您会收到邮件通知，一般在48小时内完成。"
            ),
            "zh-TW": (
                "{name}您好，感謝您耐心等候。我查看了您的申請，目前已進入最終審核階段，"
                "本週審核量較大所以稍慢一些；通過後您會收到電子郵件通知，一般會在48小時內完成。"
            ),
            "vi": (
                "Cảm ơn {name} đã kiên nhẫn chờ đợi. Hồ sơ của bạn đang ở bước duyệt cuối cùng, "
                "tuần này lượng hồ sơ nhiều nên hơi chậm hơn bình thường; bạn sẽ nhận được email "
                "ngay khi được duyệt, thường trong vòng 48 giờ."
            ),
            "id": (
                "Terima kasih atas kesabarannya, {name}. Pengajuan Anda sudah ada di antrean "
                "peninjauan akhir, yang minggu ini sedikit lebih lama dari biasanya; Anda akan "
                "menerima email begitu disetujui, biasanya dalam 48 jam."
            ),
            "ru": (
                "Спасибо за терпение, {name}. Я проверил вашу заявку: она в очереди на финальную "
                "проверку, которая на этой неделе занимает чуть больше времени, чем обычно; как "
                "только её одобрят, вы получите письмо, обычно в течение 48 часов."
            ),
            "es": (
                "Gracias por tu paciencia, {name}. Revisé tu solicitud y está en la cola de "
                "revisión final, que esta semana va un poco más lenta de lo normal; te llegará un "
                "correo en cuanto la aprueben, normalmente en menos de 48 horas."
            ),
            "pt": (
                "Obrigado pela paciência, {name}. Verifiquei seu cadastro e ele está na fila de "
                "análise final, que esta semana está um pouco mais demorada que o normal; você vai "
                "receber um e-mail assim que for aprovado, geralmente em até 48 horas."
            ),
            "fr": (
                "Merci pour votre patience, {name}. J'ai vérifié votre dossier : il se trouve dans "
                "la file de validation finale, un peu plus lente que d'habitude cette semaine ; "
                "vous recevrez un e-mail dès qu'il sera approuvé, en général sous 48 heures."
            ),
            "de": (
                "Danke für Ihre Geduld, {name}. Ich habe Ihren Antrag geprüft: Er liegt in der "
                "finalen Prüfung, die diese Woche etwas länger dauert als sonst; Sie erhalten eine "
                "E-Mail, sobald er freigegeben ist, normalerweise innerhalb von 48 Stunden."
            ),
            "tr": (
                "Sabrınız için teşekkürler {name}. Başvurunuzu kontrol ettim, son inceleme "
                "aşamasında ve bu hafta yoğunluk nedeniyle biraz uzun sürüyor; onaylandığı anda "
                "size e-posta gelecek, genellikle 48 saat içinde."
            ),
            "ar": (
                "شكراً على صبرك يا {name}. راجعت طلبك وهو الآن في مرحلة المراجعة النهائية، وهي أبطأ "
                "قليلاً من المعتاد هذا الأسبوع؛ ستصلك رسالة بريد إلكتروني فور الموافقة، عادةً خلال "
                "48 ساعة."
            ),
            "ja": (
                "{name}様、お待たせして申し訳ございません。申請内容を確認したところ最終審査の段階に"
                "あり、今週は通常より少し時間がかかっております。承認され次第メールでお知らせし、"
                "通常は48時間以内に完了いたします。"
            ),
            "ko": (
                "{name}님, 기다려 주셔서 감사합니다. 신청 내역을 확인해 보니 최종 심사 단계에 "
                "있으며 이번 주는 평소보다 조금 오래 걸리고 있습니다. 승인되면 바로 이메일로 "
                "안내드리며 보통 48시간 이내에 완료됩니다."
            ),
            "th": (
                "ขอบคุณที่รอนะครับคุณ{name} ผมตรวจสอบแล้ว ใบสมัครของคุณอยู่ในขั้นตอนตรวจสอบสุดท้าย "
                "ซึ่งสัปดาห์นี้ใช้เวลานานกว่าปกติเล็กน้อย เมื่ออนุมัติแล้วจะมีอีเมลแจ้งทันที โดยทั่วไปภายใน 48 ชั่วโมงครับ"
            ),
            "uk": (
                "Дякуємо за терпіння, {name}. Я перевірив вашу заявку: вона в черзі на фінальну "
                "перевірку, яка цього тижня триває трохи довше, ніж зазвичай; щойно її схвалять, "
                "ви отримаєте лист, зазвичай протягом 48 годин."
            ),
            "it": (
                "Grazie per la pazienza, {name}. Ho controllato la tua richiesta: è nella coda di "
                "revisione finale, che questa settimana è un po' più lenta del solito; riceverai "
                "un'email appena verrà approvata, di solito entro 48 ore."
            ),
        },
    },
    "withdrawal_pending": {
        "product": "deposits_withdrawals",
        "priority": "high",
        "subject": {
            "en": "BTC withdrawal stuck in pending",
            "zh-CN": "BTC提现一直处理中",
            "zh-TW": "BTC提領一直卡在處理中",
            "vi": "Lệnh rút BTC bị treo ở trạng thái chờ",
            "id": "Penarikan BTC tertahan di status pending",
            "ru": "Вывод BTC завис в статусе «в обработке»",
            "es": "Retiro de BTC atascado en pendiente",
            "pt": "Saque de BTC travado como pendente",
            "fr": "Retrait BTC bloqué en attente",
            "de": "BTC-Auszahlung hängt auf „ausstehend“",
            "tr": "BTC çekimim beklemede kaldı",
            "ar": "سحب BTC عالق في حالة المعالجة",
            "ja": "BTCの出金が「処理中」のまま止まっています",
            "ko": "BTC 출금이 처리 중에서 멈췄어요",
            "th": "ถอน BTC ค้างสถานะรอดำเนินการ",
            "uk": "Виведення BTC зависло в статусі «в обробці»",
            "it": "Prelievo BTC bloccato in attesa",
        },
        "opening": {
            "en": (
                "My withdrawal of 0.25 BTC to my Ledger has been stuck on 'pending' for over six "
                "hours. Usually it takes 30 minutes. The withdrawal ID is W-20240611-88412, can "
                "you tell me why it's delayed?"
            ),
            "zh-CN": (
                "我提0.25 BTC到我的Ledger钱包，已经显示“处理中”超过六个小时了，平时30分钟就到了。"
                "提现单号是W-20240611-88412，能帮我看看为什么延迟吗？"
            ),
            "zh-TW": (
                "我提領0.25 BTC到我的Ledger錢包，已經顯示「處理中」超過六個小時了，"
                "平常30分鐘就會到。提領單號是W-20240611-88412，能幫我看看為什麼延遲嗎？"
            ),
            "vi": (
                "Lệnh rút 0,25 BTC về ví Ledger của mình bị treo ở trạng thái 'đang xử lý' hơn sáu "
                "tiếng rồi, bình thường chỉ mất 30 phút. Mã lệnh rút là W-20240611-88412, bạn xem "
                "giúp vì sao bị chậm vậy?"
            ),
            "id": (
                "Penarikan 0,25 BTC ke Ledger saya sudah tertahan di status 'pending' lebih dari "
                "enam jam, padahal biasanya cuma 30 menit. ID penarikannya W-20240611-88412, bisa "
                "tolong dicek kenapa terlambat?"
            ),
            "ru": (
                "Мой вывод 0,25 BTC на Ledger уже больше шести часов висит в статусе «в "
                "обработке», хотя обычно всё проходит за 30 минут. ID вывода W-20240611-88412, "
                "подскажите, почему такая задержка?"
            ),
            "es": (
                "Mi retiro de 0,25 BTC a mi Ledger lleva más de seis horas en estado 'pendiente', "
                "cuando normalmente tarda unos 30 minutos. El ID del retiro es W-20240611-88412, "
                "¿me pueden decir por qué se está demorando?"
            ),
            "pt": (
                "Meu saque de 0,25 BTC para a minha Ledger está travado como 'pendente' há mais de "
                "seis horas, sendo que normalmente leva uns 30 minutos. O ID do saque é "
                "W-20240611-88412, vocês podem ver por que está demorando?"
            ),
            "fr": (
                "Mon retrait de 0,25 BTC vers mon Ledger est bloqué en statut « en attente » "
                "depuis plus de six heures, alors que d'habitude ça prend 30 minutes. L'ID du "
                "retrait est W-20240611-88412, pouvez-vous me dire pourquoi il y a ce retard ?"
            ),
            "de": (
                "Meine Auszahlung von 0,25 BTC auf meinen Ledger hängt seit über sechs Stunden auf "
                "„ausstehend“, normalerweise dauert das 30 Minuten. Die Auszahlungs-ID ist "
                "W-20240611-88412, können Sie mir sagen, warum es so lange dauert?"
            ),
            "tr": (
                "Ledger cüzdanıma yaptığım 0,25 BTC çekim talebi altı saatten fazladır 'beklemede' "
                "görünüyor, normalde 30 dakikada geliyordu. Çekim numarası W-20240611-88412, neden "
                "geciktiğini söyleyebilir misiniz?"
            ),
            "ar": (
                "طلب سحب 0.25 BTC إلى محفظة Ledger الخاصة بي عالق في حالة 'قيد المعالجة' منذ أكثر "
                "من ست ساعات، مع أنه عادةً يستغرق 30 دقيقة. رقم السحب W-20240611-88412، هل يمكنكم "
                "إخباري بسبب التأخير؟"
            ),
            "ja": (
                "Ledgerへの0.25 BTCの出金が6時間以上「処理中」のままです。"
                "いつもは30分ほどで着金します。出金IDはW-20240611-88412です。"
                "遅れている理由を教えていただけますか。"
            ),
            "ko": (
                "제 Ledger로 0.25 BTC 출금 신청했는데 여섯 시간 넘게 '처리 중' 상태예요. 보통은 "
                "30분이면 되거든요. 출금 ID는 W-20240611-88412인데 왜 지연되는지 알려주실 수 "
                "있나요?"
            ),
            "th": (
                "ผมถอน 0.25 BTC ไปที่ Ledger แต่สถานะค้างเป็น 'รอดำเนินการ' มาเกินหกชั่วโมงแล้วครับ ปกติแค่ 30 "
                "นาทีก็เข้า เลขที่รายการถอนคือ W-20240611-88412 ช่วยดูให้หน่อยว่าทำไมล่าช้าครับ"
            ),
            "uk": (
                "Моє виведення 0,25 BTC на Ledger уже понад шість годин висить у статусі «в "
                "обробці», хоча зазвичай усе проходить за 30 хвилин. ID виведення "
                "W-20240611-88412, підкажіть, чому така затримка?"
            ),
            "it": (
                "Il mio prelievo di 0,25 BTC verso il Ledger è fermo su 'in attesa' da più di sei "
                "ore, di solito ci mette 30 minuti. L'ID del prelievo è W-20240611-88412, potete "
                "dirmi perché è in ritardo?"
            ),
        },
        "follow_up": {
            "en": (
                "It's still pending and there's no TXID yet. If something's wrong, can you just "
                "cancel it and return the BTC to my spot wallet?"
            ),
            "zh-CN": (
                "现在还是处理中，也没有交易哈希。如果有问题的话，能不能直接取消，"
                "把BTC退回我的现货账户？"
            ),
            "zh-TW": (
                "現在還是處理中，也沒有交易雜湊。如果有問題的話，能不能直接取消，"
                "把BTC退回我的現貨帳戶？"
            ),
            "vi": (
                "Đến giờ vẫn đang xử lý và chưa có TXID. Nếu có vấn đề thì bạn hủy lệnh luôn và "
                "trả BTC về ví Spot giúp mình được không?"
            ),
            "id": (
                "Sampai sekarang masih pending dan belum ada TXID. Kalau memang ada masalah, bisa "
                "dibatalkan saja dan BTC-nya dikembalikan ke dompet spot saya?"
            ),
            "ru": (
                "Всё ещё в обработке, TXID так и нет. Если что-то не так, можете просто отменить "
                "вывод и вернуть BTC на спотовый кошелёк?"
            ),
            "es": (
                "Sigue pendiente y todavía no hay TXID. Si hay algún problema, ¿pueden cancelarlo "
                "y devolverme los BTC a la billetera spot?"
            ),
            "pt": (
                "Continua pendente e ainda não tem TXID. Se deu algum problema, dá para cancelar e "
                "devolver os BTC para a minha carteira spot?"
            ),
            "fr": (
                "C'est toujours en attente et il n'y a toujours pas de TXID. S'il y a un souci, "
                "est-ce que vous pouvez simplement l'annuler et remettre les BTC sur mon "
                "portefeuille spot ?"
            ),
            "de": (
                "Es steht immer noch auf ausstehend und es gibt noch keine TXID. Falls etwas nicht "
                "stimmt, können Sie die Auszahlung einfach stornieren und die BTC zurück auf mein "
                "Spot-Wallet buchen?"
            ),
            "tr": (
                "Hâlâ beklemede ve henüz TXID yok. Bir sorun varsa işlemi iptal edip BTC'yi spot "
                "cüzdanıma iade edebilir misiniz?"
            ),
            "ar": (
                "ما زال قيد المعالجة ولا يوجد رقم معاملة حتى الآن. إذا كانت هناك مشكلة، هل يمكنكم "
                "إلغاء السحب وإرجاع البيتكوين إلى محفظتي الفورية؟"
            ),
            "ja": (
                "まだ処理中で、TXIDも出ていません。何か問題があるなら、"
                "キャンセルして現物ウォレットにBTCを戻してもらえますか。"
            ),
            "ko": (
                "아직도 처리 중이고 TXID도 안 나왔어요. 문제가 있으면 그냥 취소하고 BTC를 현물 "
                "지갑으로 돌려주실 수 있나요?"
            ),
            "th": (
                "ตอนนี้ยังรอดำเนินการอยู่และยังไม่มี TXID เลยครับ ถ้ามีปัญหาอะไร ยกเลิกแล้วคืน BTC เข้ากระเป๋า Spot "
                "ให้ผมได้ไหมครับ"
            ),
            "uk": (
                "Досі в обробці, TXID так і немає. Якщо щось не так, можете просто скасувати "
                "виведення й повернути BTC на спотовий гаманець?"
            ),
            "it": (
                "È ancora in attesa e non c'è nessun TXID. Se c'è qualche problema, potete "
                "annullarlo e riaccreditare i BTC sul mio wallet spot?"
            ),
        },
        "agent_reply": {
            "en": (
                "Thanks for waiting, {name}. Your withdrawal was held for a routine security "
                "review because it went to a new address; it has now been approved and you should "
                "see the TXID in your withdrawal history within 30 minutes."
            ),
            "zh-CN": (
                "{name}您好，感谢您的耐心等待。由于这是一个新的提币地址，"
                "您的提现进入了例行安全审核，现在已经审核通过，30分钟内您就能在提现记录中看到交易哈"
                "希。"
            ),
            "zh-TW": (
                "{name}您好，謝謝您耐心等候。因為這是新的提領地址，您的提領進入了例行安全審查，"
                "目前已經審核通過，30分鐘內您就能在提領紀錄中看到交易雜湊。"
            ),
            "vi": (
                "Cảm ơn {name} đã chờ đợi. Lệnh rút của bạn được giữ lại để kiểm tra bảo mật định "
                "kỳ vì đây là địa chỉ mới; hiện lệnh đã được duyệt và bạn sẽ thấy TXID trong lịch "
                "sử rút tiền trong vòng 30 phút."
            ),
            "id": (
                "Terima kasih sudah menunggu, {name}. Penarikan Anda sempat ditahan untuk "
                "pemeriksaan keamanan rutin karena dikirim ke alamat baru; sekarang sudah "
                "disetujui dan TXID akan muncul di riwayat penarikan dalam 30 menit."
            ),
            "ru": (
                "Спасибо, что подождали, {name}. Ваш вывод был задержан для стандартной проверки "
                "безопасности, так как адрес новый; сейчас он одобрен, и TXID появится в истории "
                "выводов в течение 30 минут."
            ),
            "es": (
                "Gracias por esperar, {name}. Tu retiro quedó retenido en una revisión de "
                "seguridad de rutina porque iba a una dirección nueva; ya fue aprobado y verás el "
                "TXID en tu historial de retiros en los próximos 30 minutos."
            ),
            "pt": (
                "Obrigado por aguardar, {name}. Seu saque ficou retido numa verificação de "
                "segurança de rotina porque foi para um endereço novo; ele já foi aprovado e o "
                "TXID vai aparecer no seu histórico de saques em até 30 minutos."
            ),
            "fr": (
                "Merci de votre patience, {name}. Votre retrait a été retenu pour un contrôle de "
                "sécurité de routine car il était destiné à une nouvelle adresse ; il vient d'être "
                "validé et le TXID apparaîtra dans votre historique de retraits d'ici 30 minutes."
            ),
            "de": (
                "Danke für Ihre Geduld, {name}. Ihre Auszahlung wurde für eine routinemäßige "
                "Sicherheitsprüfung angehalten, weil sie an eine neue Adresse ging; sie ist jetzt "
                "freigegeben und die TXID erscheint innerhalb von 30 Minuten in Ihrem "
                "Auszahlungsverlauf."
            ),
            "tr": (
                "Beklediğiniz için teşekkürler {name}. Çekiminiz yeni bir adrese gönderildiği için "
                "rutin bir güvenlik incelemesine takıldı; şu anda onaylandı ve TXID 30 dakika "
                "içinde çekim geçmişinizde görünecek."
            ),
            "ar": (
                "شكراً على انتظارك يا {name}. تم إيقاف السحب مؤقتاً لمراجعة أمنية روتينية لأنه موجّه "
                "إلى عنوان جديد، وقد تمت الموافقة عليه الآن وسيظهر رقم المعاملة في سجل السحوبات "
                "خلال 30 دقيقة."
            ),
            "ja": (
                "{name}様、お待たせいたしました。新しいアドレスへの出金だったため通常のセキュリティ"
                "審査で保留されておりましたが、現在は承認済みです。"
                "30分以内に出金履歴にTXIDが表示されます。"
            ),
            "ko": (
                "{name}님, 기다려 주셔서 감사합니다. 새로운 주소로의 출금이라 정기 보안 검토로 "
                "보류되었으나 지금은 승인되었고, 30분 이내에 출금 내역에서 TXID를 확인하실 수 "
                "있습니다."
            ),
            "th": (
                "ขอบคุณที่รอนะคะคุณ{name} รายการถอนของคุณถูกพักไว้เพื่อตรวจสอบความปลอดภัยตามปกติ "
                "เนื่องจากเป็นที่อยู่ใหม่ ตอนนี้อนุมัติแล้ว และ TXID จะแสดงในประวัติการถอนภายใน 30 นาทีค่ะ"
            ),
            "uk": (
                "Дякуємо, що зачекали, {name}. Ваше виведення затримали для стандартної перевірки "
                "безпеки, бо адреса нова; зараз його схвалено, і TXID з'явиться в історії виведень "
                "протягом 30 хвилин."
            ),
            "it": (
                "Grazie per l'attesa, {name}. Il tuo prelievo era stato trattenuto per un "
                "controllo di sicurezza di routine perché diretto a un indirizzo nuovo; ora è "
                "stato approvato e vedrai il TXID nello storico prelievi entro 30 minuti."
            ),
        },
    },
    "p2p_dispute": {
        "product": "p2p",
        "priority": "urgent",
        "subject": {
            "en": "P2P seller not releasing USDT",
            "zh-CN": "P2P卖家一直不放币",
            "zh-TW": "P2P賣家一直不放幣",
            "vi": "Người bán P2P không nhả USDT",
            "id": "Penjual P2P tidak melepas USDT",
            "ru": "Продавец в P2P не отпускает USDT",
            "es": "El vendedor P2P no libera los USDT",
            "pt": "Vendedor P2P não liberou os USDT",
            "fr": "Le vendeur P2P ne libère pas les USDT",
            "de": "P2P-Verkäufer gibt USDT nicht frei",
            "tr": "P2P satıcısı USDT'yi serbest bırakmıyor",
            "ar": "البائع في P2P لا يحرر USDT",
            "ja": "P2Pの売り手がUSDTをリリースしてくれません",
            "ko": "P2P 판매자가 USDT를 안 풀어줘요",
            "th": "ผู้ขาย P2P ไม่ปล่อยเหรียญ USDT",
            "uk": "Продавець у P2P не відпускає USDT",
            "it": "Il venditore P2P non rilascia gli USDT",
        },
        "opening": {
            "en": (
                "I paid $500 by bank transfer for 497 USDT on P2P order #P2P-558301, but the "
                "seller still hasn't released the coins and the timer has run out. I have the bank "
                "receipt, please help."
            ),
            "zh-CN": (
                "我在P2P订单#P2P-558301里用支付宝付了3600元买500 USDT，卖家到现在都没放币，"
                "倒计时也已经结束了。我有付款截图，请帮帮我。"
            ),
            "zh-TW": (
                "我在P2P訂單#P2P-558301用銀行轉帳付了新台幣16,000元買500 USDT，賣家到現在都沒放幣，"
                "倒數計時也已經結束了。我有轉帳收據，請幫幫我。"
            ),
            "vi": (
                "Mình đã chuyển khoản 12.500.000 VND để mua 490 USDT trong lệnh P2P #P2P-558301 "
                "nhưng người bán vẫn chưa nhả coin và đồng hồ đếm ngược đã hết. Mình có biên lai "
                "chuyển khoản ngân hàng, nhờ bạn hỗ trợ gấp."
            ),
            "id": (
                "Saya sudah transfer Rp7.800.000 lewat BCA untuk beli 480 USDT di order P2P "
                "#P2P-558301, tapi penjual belum melepas koinnya dan waktunya sudah habis. Bukti "
                "transfer dari bank ada, tolong dibantu."
            ),
            "ru": (
                "Я оплатил 45 000 рублей переводом на Сбер за 500 USDT по P2P-ордеру #P2P-558301, "
                "но продавец так и не отпустил монеты, а таймер уже истёк. Чек из банка у меня "
                "есть, помогите, пожалуйста."
            ),
            "es": (
                "Pagué 9.000 pesos por transferencia bancaria para comprar 500 USDT en la orden "
                "P2P #P2P-558301, pero el vendedor no ha liberado las monedas y el tiempo ya se "
                "acabó. Tengo el comprobante del banco, por favor ayúdenme."
            ),
            "pt": (
                "Paguei R$ 2.700 via Pix para comprar 500 USDT na ordem P2P #P2P-558301, mas o "
                "vendedor não liberou as moedas e o tempo já acabou. Tenho o comprovante do Pix, "
                "por favor me ajudem."
            ),
            "fr": (
                "J'ai payé 460 € par virement bancaire pour acheter 500 USDT sur l'ordre P2P "
                "#P2P-558301, mais le vendeur n'a toujours pas libéré les cryptos et le délai est "
                "écoulé. J'ai le justificatif de virement, aidez-moi s'il vous plaît."
            ),
            "de": (
                "Ich habe für die P2P-Order #P2P-558301 460 € per SEPA-Überweisung für 500 USDT "
                "bezahlt, aber der Verkäufer hat die Coins nicht freigegeben und der Timer ist "
                "abgelaufen. Den Überweisungsbeleg habe ich, bitte helfen Sie mir."
            ),
            "tr": (
                "P2P siparişi #P2P-558301 için 500 USDT almak üzere banka havalesiyle 17.000 TL "
                "ödedim ama satıcı hâlâ coinleri serbest bırakmadı ve süre doldu. Dekontum elimde, "
                "lütfen yardımcı olun."
            ),
            "ar": (
                "دفعت 1900 ريال بتحويل بنكي لشراء 500 USDT في طلب P2P رقم #P2P-558301، لكن البائع "
                "لم يحرر العملات حتى الآن وانتهى الوقت المحدد. لدي إيصال التحويل من البنك، أرجو "
                "المساعدة."
            ),
            "ja": (
                "P2P注文#P2P-558301で500 USDTを買うために銀行振込で75,000円を支払いましたが、"
                "売り手がコインをリリースせず、制限時間も過ぎてしまいました。振込の明細はあります。"
                "助けてください。"
            ),
            "ko": (
                "P2P 주문 #P2P-558301에서 500 USDT를 사려고 계좌이체로 68만 원을 보냈는데 판매자가 "
                "코인을 풀어주지 않고 시간도 다 지나버렸어요. 이체 확인증은 있습니다. 도와주세요."
            ),
            "th": (
                "ฉันโอนเงิน 18,000 บาทผ่านธนาคารเพื่อซื้อ 500 USDT ในคำสั่ง P2P #P2P-558301 "
                "แต่ผู้ขายยังไม่ปล่อยเหรียญ และหมดเวลาไปแล้วค่ะ มีสลิปโอนเงินจากธนาคาร ช่วยด้วยค่ะ"
            ),
            "uk": (
                "Я оплатив 20 500 гривень переказом на Monobank за 500 USDT за P2P-ордером "
                "#P2P-558301, але продавець так і не відпустив монети, а таймер уже сплив. "
                "Квитанція з банку в мене є, допоможіть, будь ласка."
            ),
            "it": (
                "Ho pagato 460 € con bonifico istantaneo per comprare 500 USDT nell'ordine P2P "
                "#P2P-558301, ma il venditore non ha ancora rilasciato le monete e il tempo è "
                "scaduto. Ho la ricevuta del bonifico, aiutatemi per favore."
            ),
        },
        "follow_up": {
            "en": (
                "The seller isn't answering in the order chat anymore. I've uploaded the bank "
                "receipt to the appeal. How long does an appeal usually take?"
            ),
            "zh-CN": "卖家在订单聊天里已经不回复了，我已经在申诉里上传了付款凭证。申诉一般要多久？",
            "zh-TW": "賣家在訂單聊天室已經不回了，我已經在申訴裡上傳了轉帳證明。申訴一般要多久？",
            "vi": (
                "Người bán không trả lời trong khung chat của lệnh nữa. Mình đã tải biên lai lên "
                "phần khiếu nại rồi, khiếu nại thường mất bao lâu vậy?"
            ),
            "id": (
                "Penjualnya sudah tidak membalas di chat order. Bukti transfer sudah saya unggah "
                "di banding, biasanya banding butuh waktu berapa lama?"
            ),
            "ru": (
                "Продавец больше не отвечает в чате ордера. Чек я уже загрузил в апелляцию. "
                "Сколько обычно длится рассмотрение?"
            ),
            "es": (
                "El vendedor ya no contesta en el chat de la orden. Subí el comprobante a la "
                "apelación. ¿Cuánto suele tardar una apelación?"
            ),
            "pt": (
                "O vendedor parou de responder no chat da ordem. Já anexei o comprovante na "
                "apelação. Quanto tempo costuma levar?"
            ),
            "fr": (
                "Le vendeur ne répond plus dans le chat de l'ordre. J'ai déposé le justificatif "
                "dans la réclamation. Combien de temps prend une réclamation en général ?"
            ),
            "de": (
                "Der Verkäufer antwortet im Order-Chat nicht mehr. Den Beleg habe ich im Einspruch "
                "hochgeladen. Wie lange dauert so ein Einspruch normalerweise?"
            ),
            "tr": (
                "Satıcı artık sipariş sohbetinde cevap vermiyor. Dekontu itiraza yükledim. İtiraz "
                "süreci genelde ne kadar sürüyor?"
            ),
            "ar": (
                "البائع لم يعد يرد في محادثة الطلب. رفعت إيصال التحويل في الاعتراض، كم يستغرق "
                "الاعتراض عادةً؟"
            ),
            "ja": (
                "売り手が注文チャットで返信しなくなりました。異議申し立てに振込明細をアップロードし"
                "ました。通常どれくらいかかりますか。"
            ),
            "ko": (
                "판매자가 주문 채팅에 더 이상 답을 안 해요. 이의 제기에 이체 확인증을 올렸는데 "
                "보통 얼마나 걸리나요?"
            ),
            "th": "ผู้ขายไม่ตอบแชทในคำสั่งซื้อแล้วค่ะ อัปโหลดสลิปในการอุทธรณ์ไปแล้ว ปกติอุทธรณ์ใช้เวลานานแค่ไหนคะ",
            "uk": (
                "Продавець більше не відповідає в чаті ордера. Квитанцію я вже завантажив в "
                "апеляцію. Скільки зазвичай триває розгляд?"
            ),
            "it": (
                "Il venditore non risponde più nella chat dell'ordine. Ho caricato la ricevuta nel "
                "ricorso. Di solito quanto tempo ci vuole?"
            ),
        },
        "agent_reply": {
            "en": (
                "Thank you, {name}. I've taken over the appeal for order #P2P-558301 and the "
                "seller's USDT is frozen in escrow, so the coins are safe. The seller has 2 hours "
                "to respond; if they don't, we'll release the USDT to you based on your payment "
                "proof."
            ),
            "zh-CN": (
                "{name}您好，我已接手订单#P2P-558301的申诉，并冻结了卖家托管中的USDT，"
                "您的资产是安全的。卖家有2小时时间回应，若未回应，我们将根据您的付款凭证把USDT放给"
                "您。"
            ),
            "zh-TW": (
                "{name}您好，我已接手訂單#P2P-558301的申訴，並凍結了賣家託管中的USDT，"
                "您的資產是安全的。賣家有2小時可以回應，若未回應，我們會依您的付款證明把USDT放行給"
                "您。"
            ),
            "vi": (
                "Cảm ơn {name}, tôi đã tiếp nhận khiếu nại cho lệnh #P2P-558301 và đóng băng số "
                "USDT của người bán trong ký quỹ nên tài sản của bạn an toàn. Người bán có 2 giờ "
                "để phản hồi, nếu không chúng tôi sẽ giải phóng USDT cho bạn dựa trên bằng chứng "
                "thanh toán."
            ),
            "id": (
                "Terima kasih, {name}, saya sudah mengambil alih banding untuk order #P2P-558301 "
                "dan membekukan USDT penjual di escrow, jadi aset Anda aman. Penjual punya waktu 2 "
                "jam untuk merespons; jika tidak, kami akan melepas USDT ke Anda berdasarkan bukti "
                "pembayaran."
            ),
            "ru": (
                "Спасибо, {name}, я взял апелляцию по ордеру #P2P-558301 на себя и заморозил USDT "
                "продавца на эскроу, так что ваши средства в безопасности. У продавца есть 2 часа "
                "на ответ; если он не ответит, мы отпустим USDT вам на основании подтверждения "
                "оплаты."
            ),
            "es": (
                "Gracias, {name}, ya tomé la apelación de la orden #P2P-558301 y congelé los USDT "
                "del vendedor en custodia, así que tus fondos están seguros. El vendedor tiene 2 "
                "horas para responder; si no lo hace, te liberaremos los USDT con base en tu "
                "comprobante de pago."
            ),
            "pt": (
                "Obrigado, {name}, assumi a apelação da ordem #P2P-558301 e congelei os USDT do "
                "vendedor no escrow, então seus fundos estão seguros. O vendedor tem 2 horas para "
                "responder; se não responder, liberaremos os USDT para você com base no "
                "comprovante de pagamento."
            ),
            "fr": (
                "Merci, {name}, j'ai pris en charge la réclamation de l'ordre #P2P-558301 et gelé "
                "les USDT du vendeur en séquestre, vos fonds sont donc en sécurité. Le vendeur a 2 "
                "heures pour répondre ; sans réponse de sa part, nous vous libérerons les USDT sur "
                "la base de votre preuve de paiement."
            ),
            "de": (
                "Danke, {name}, ich habe den Einspruch zur Order #P2P-558301 übernommen und die "
                "USDT des Verkäufers im Treuhandkonto eingefroren, Ihr Geld ist also sicher. Der "
                "Verkäufer hat 2 Stunden Zeit zu antworten; andernfalls geben wir die USDT anhand "
                "Ihres Zahlungsnachweises an Sie frei."
            ),
            "tr": (
                "Teşekkürler {name}, #P2P-558301 numaralı siparişin itirazını üstlendim ve "
                "satıcının USDT'sini emanette dondurdum, yani varlıklarınız güvende. Satıcının "
                "yanıt vermek için 2 saati var; yanıt vermezse ödeme kanıtınıza dayanarak USDT'yi "
                "size aktaracağız."
            ),
            "ar": (
                "شكراً يا {name}، توليت الاعتراض الخاص بالطلب #P2P-558301 وجمّدت عملات USDT الخاصة "
                "بالبائع في الضمان، لذا أموالك في أمان. أمام البائع ساعتان للرد، وإذا لم يرد سنحرر "
                "لك USDT بناءً على إثبات الدفع."
            ),
            "ja": (
                "{name}様、注文#P2P-558301の異議申し立ては私が担当し、"
                "売り手のUSDTをエスクローで凍結しましたので、資産は安全です。"
                "売り手には2時間の回答期限があり、回答がない場合はお支払いの証明に基づいてUSDTをお"
                "客様にリリースいたします。"
            ),
            "ko": (
                "{name}님, 주문 #P2P-558301의 이의 제기를 제가 맡아 판매자의 USDT를 에스크로에 "
                "동결했으니 자산은 안전합니다. 판매자에게 2시간의 응답 기한이 있으며, 응답이 "
                "없으면 결제 증빙을 근거로 USDT를 고객님께 지급해 드리겠습니다."
            ),
            "th": (
                "ขอบคุณครับคุณ{name} ผมรับเรื่องอุทธรณ์ของคำสั่ง #P2P-558301 แล้ว และได้อายัด USDT "
                "ของผู้ขายไว้ในเอสโครว์ เงินของคุณจึงปลอดภัย ผู้ขายมีเวลา 2 ชั่วโมงในการตอบ หากไม่ตอบ เราจะปล่อย "
                "USDT ให้คุณตามหลักฐานการชำระเงินครับ"
            ),
            "uk": (
                "Дякуємо, {name}, я взяв апеляцію за ордером #P2P-558301 на себе й заморозив USDT "
                "продавця на ескроу, тож ваші кошти в безпеці. Продавець має 2 години на "
                "відповідь; якщо він не відповість, ми відпустимо USDT вам на підставі "
                "підтвердження оплати."
            ),
            "it": (
                "Grazie, {name}, ho preso in carico il ricorso dell'ordine #P2P-558301 e ho "
                "congelato gli USDT del venditore in escrow, quindi i tuoi fondi sono al sicuro. "
                "Il venditore ha 2 ore per rispondere; se non lo fa, ti rilasceremo gli USDT sulla "
                "base della prova di pagamento."
            ),
        },
    },
    "futures_liquidation": {
        "product": "futures",
        "priority": "normal",
        "subject": {
            "en": "Liquidated even though price didn't hit my level",
            "zh-CN": "价格没到强平价却被强平了",
            "zh-TW": "價格沒到強平價卻被強制平倉",
            "vi": "Bị thanh lý dù giá chưa chạm mức thanh lý",
            "id": "Terlikuidasi padahal harga belum sampai",
            "ru": "Ликвидировали, хотя цена не дошла до уровня",
            "es": "Me liquidaron sin que el precio llegara",
            "pt": "Fui liquidado sem o preço chegar",
            "fr": "Liquidé alors que le prix n'a pas atteint mon seuil",
            "de": "Liquidiert, obwohl der Preis mein Level nicht erreicht hat",
            "tr": "Fiyat seviyeme gelmeden likide oldum",
            "ar": "تمت تصفية مركزي رغم أن السعر لم يصل إلى مستوى التصفية",
            "ja": "清算価格に達していないのに強制ロスカットされました",
            "ko": "청산가에 도달하지 않았는데 청산됐어요",
            "th": "โดนล้างพอร์ตทั้งที่ราคายังไม่ถึง",
            "uk": "Ліквідували, хоча ціна не дійшла до рівня",
            "it": "Liquidato anche se il prezzo non ha toccato il mio livello",
        },
        "opening": {
            "en": (
                "My 20x BTCUSDT long got liquidated at 3:14 UTC, but the BTC price on the chart "
                "never dropped to my liquidation price of 61,480. I lost about 850 USDT. Can you "
                "explain what happened?"
            ),
            "zh-CN": (
                "我20倍的BTCUSDT多单在UTC时间3:14被强平了，但是K线上BTC价格根本没跌到我的强平价6148"
                "0。我亏了大约850 USDT，能解释一下是怎么回事吗？"
            ),
            "zh-TW": (
                "我20倍的BTCUSDT多單在UTC時間3:14被強制平倉了，但是K線上BTC價格根本沒跌到我的強平價"
                "61480。我虧了大約850 USDT，能解釋一下這是怎麼回事嗎？"
            ),
            "vi": (
                "Lệnh long BTCUSDT đòn bẩy 20x của mình bị thanh lý lúc 3:14 UTC, nhưng trên biểu "
                "đồ giá BTC chưa hề giảm xuống mức thanh lý 61.480. Mình mất khoảng 850 USDT, bạn "
                "giải thích giúp chuyện gì đã xảy ra được không?"
            ),
            "id": (
                "Posisi long BTCUSDT saya dengan leverage 20x terlikuidasi jam 3:14 UTC, padahal "
                "di grafik harga BTC tidak pernah turun sampai harga likuidasi saya di 61.480. "
                "Saya rugi sekitar 850 USDT, tolong jelaskan apa yang terjadi."
            ),
            "ru": (
                "Мой лонг BTCUSDT с плечом 20x ликвидировали в 3:14 UTC, но на графике цена BTC "
                "так и не опустилась до моей цены ликвидации 61 480. Я потерял около 850 USDT, "
                "объясните, пожалуйста, что произошло?"
            ),
            "es": (
                "Mi long de BTCUSDT con apalancamiento 20x fue liquidado a las 3:14 UTC, pero en "
                "el gráfico el precio de BTC nunca bajó hasta mi precio de liquidación de 61.480. "
                "Perdí unos 850 USDT, ¿me pueden explicar qué pasó?"
            ),
            "pt": (
                "Minha posição long em BTCUSDT com alavancagem de 20x foi liquidada às 3:14 UTC, "
                "mas no gráfico o preço do BTC nunca caiu até o meu preço de liquidação de 61.480. "
                "Perdi uns 850 USDT, vocês podem me explicar o que aconteceu?"
            ),
            "fr": (
                "Ma position longue BTCUSDT avec un levier x20 a été liquidée à 3h14 UTC, alors "
                "que sur le graphique le prix du BTC n'est jamais descendu jusqu'à mon prix de "
                "liquidation de 61 480. J'ai perdu environ 850 USDT, pouvez-vous m'expliquer ce "
                "qui s'est passé ?"
            ),
            "de": (
                "Meine 20x-Long-Position auf BTCUSDT wurde um 3:14 UTC liquidiert, obwohl der "
                "BTC-Kurs im Chart nie auf meinen Liquidationspreis von 61.480 gefallen ist. Ich "
                "habe rund 850 USDT verloren, können Sie mir erklären, was da passiert ist?"
            ),
            "tr": (
                "20x kaldıraçlı BTCUSDT long pozisyonum UTC 3:14'te likide oldu ama grafikte BTC "
                "fiyatı likidasyon fiyatım olan 61.480'e hiç düşmedi. Yaklaşık 850 USDT kaybettim, "
                "ne olduğunu açıklayabilir misiniz?"
            ),
            "ar": (
                "تمت تصفية مركز الشراء الخاص بي على BTCUSDT برافعة 20x في الساعة 3:14 بتوقيت UTC، "
                "مع أن سعر البيتكوين على الرسم البياني لم ينزل أبداً إلى سعر التصفية 61480. خسرت "
                "حوالي 850 USDT، هل يمكنكم توضيح ما حدث؟"
            ),
            "ja": (
                "20倍のBTCUSDTロングがUTC 3:14に強制清算されましたが、"
                "チャート上のBTC価格は清算価格の61,480まで一度も下がっていません。約850 "
                "USDTの損失です。何が起きたのか説明していただけますか。"
            ),
            "ko": (
                "20배 BTCUSDT 롱 포지션이 UTC 3시 14분에 청산됐는데, 차트에서는 BTC 가격이 제 "
                "청산가 61,480까지 한 번도 안 내려갔어요. 850 USDT 정도 손실 봤는데 어떻게 된 건지 "
                "설명해 주실 수 있나요?"
            ),
            "th": (
                "โพซิชัน Long BTCUSDT เลเวอเรจ 20x ของผมโดนบังคับปิดตอน 3:14 UTC แต่ในกราฟราคา BTC "
                "ไม่เคยลงไปถึงราคาล้างพอร์ต 61,480 เลยครับ ขาดทุนไปประมาณ 850 USDT "
                "ช่วยอธิบายหน่อยว่าเกิดอะไรขึ้น"
            ),
            "uk": (
                "Мій лонг BTCUSDT із плечем 20x ліквідували о 3:14 UTC, але на графіку ціна BTC "
                "так і не опустилася до моєї ціни ліквідації 61 480. Я втратив близько 850 USDT, "
                "поясніть, будь ласка, що сталося?"
            ),
            "it": (
                "La mia posizione long su BTCUSDT con leva 20x è stata liquidata alle 3:14 UTC, ma "
                "sul grafico il prezzo di BTC non è mai sceso fino al mio prezzo di liquidazione "
                "di 61.480. Ho perso circa 850 USDT, potete spiegarmi cosa è successo?"
            ),
        },
        "follow_up": {
            "en": (
                "I understand mark price vs last price, but I also had a stop-loss at 61,900 that "
                "never triggered. I'd like a full review of this position."
            ),
            "zh-CN": (
                "我知道标记价格和最新价格的区别，但我在61900还设了止损，根本没有触发。"
                "我希望你们对这个仓位做一个完整的核查。"
            ),
            "zh-TW": (
                "我知道標記價格和最新成交價的差別，但我在61900還設了停損，完全沒有觸發。"
                "我希望你們對這個倉位做完整的調查。"
            ),
            "vi": (
                "Mình hiểu sự khác nhau giữa giá đánh dấu và giá gần nhất, nhưng mình còn đặt cắt "
                "lỗ ở 61.900 mà lệnh đó không hề khớp. Mình muốn được kiểm tra lại toàn bộ vị thế "
                "này."
            ),
            "id": (
                "Saya paham bedanya mark price dan last price, tapi saya juga sudah pasang "
                "stop-loss di 61.900 dan itu tidak tereksekusi. Saya minta posisi ini ditinjau "
                "ulang secara lengkap."
            ),
            "ru": (
                "Я понимаю разницу между маркировочной и последней ценой, но у меня ещё стоял "
                "стоп-лосс на 61 900, и он не сработал. Прошу полностью проверить эту позицию."
            ),
            "es": (
                "Entiendo la diferencia entre el precio de marca y el último precio, pero además "
                "tenía un stop-loss en 61.900 que nunca se ejecutó. Quiero una revisión completa "
                "de esta posición."
            ),
            "pt": (
                "Eu entendo a diferença entre preço de marcação e último preço, mas eu também "
                "tinha um stop-loss em 61.900 que não foi acionado. Quero uma análise completa "
                "dessa posição."
            ),
            "fr": (
                "Je comprends la différence entre le prix de marque et le dernier prix, mais "
                "j'avais aussi un stop-loss à 61 900 qui ne s'est jamais déclenché. Je souhaite un "
                "examen complet de cette position."
            ),
            "de": (
                "Ich kenne den Unterschied zwischen Mark-Preis und letztem Preis, aber ich hatte "
                "außerdem einen Stop-Loss bei 61.900, der nie ausgelöst wurde. Ich möchte, dass "
                "diese Position vollständig überprüft wird."
            ),
            "tr": (
                "İşaret fiyatı ile son fiyat arasındaki farkı biliyorum ama ayrıca 61.900'de bir "
                "zarar durdur emrim vardı ve hiç tetiklenmedi. Bu pozisyonun baştan sona "
                "incelenmesini istiyorum."
            ),
            "ar": (
                "أفهم الفرق بين سعر العلامة وآخر سعر، لكن كان لدي أيضاً أمر وقف خسارة عند 61900 ولم "
                "يتم تفعيله. أريد مراجعة كاملة لهذا المركز."
            ),
            "ja": (
                "マーク価格と最終取引価格の違いは理解していますが、"
                "61,900に置いていたストップロスも発動しませんでした。"
                "このポジションについて全面的な調査をお願いします。"
            ),
            "ko": (
                "마크 가격이랑 최종 체결가 차이는 알고 있는데, 61,900에 걸어둔 손절 주문도 발동이 "
                "안 됐어요. 이 포지션 전체를 다시 검토해 주셨으면 합니다."
            ),
            "th": (
                "ผมเข้าใจความต่างระหว่างราคา Mark กับราคาล่าสุด แต่ผมตั้ง Stop-loss ไว้ที่ 61,900 "
                "ด้วยและมันก็ไม่ทำงานเลย อยากให้ตรวจสอบโพซิชันนี้ทั้งหมดครับ"
            ),
            "uk": (
                "Я розумію різницю між маркувальною та останньою ціною, але в мене ще стояв "
                "стоп-лос на 61 900, і він не спрацював. Прошу повністю перевірити цю позицію."
            ),
            "it": (
                "Conosco la differenza tra mark price e ultimo prezzo, però avevo anche uno "
                "stop-loss a 61.900 che non è mai scattato. Vorrei una verifica completa di questa "
                "posizione."
            ),
        },
        "agent_reply": {
            "en": (
                "I understand how frustrating this is, {name}. Liquidations are triggered by the "
                "mark price, which briefly reached 61,472 at 03:14 UTC; I've asked our futures "
                "team to review your stop-loss order as well and will send you the full trade log "
                "within 24 hours."
            ),
            "zh-CN": (
                "{name}您好，非常理解您的心情。强平是按标记价格触发的，标记价格在UTC "
                "03:14曾短暂触及61472；我已请合约团队一并核查您的止损单，"
                "24小时内会把完整的成交记录发给您。"
            ),
            "zh-TW": (
                "{name}您好，非常理解您的心情。強制平倉是依標記價格觸發的，標記價格在UTC "
                "03:14曾短暫觸及61472；我已請合約團隊一併檢查您的停損單，"
                "24小時內會把完整的成交紀錄寄給您。"
            ),
            "vi": (
                "Tôi rất hiểu cảm giác của bạn, {name}. Việc thanh lý dựa trên giá đánh dấu, giá "
                "này đã chạm 61.472 trong chốc lát lúc 03:14 UTC; tôi đã nhờ đội hợp đồng tương "
                "lai kiểm tra cả lệnh cắt lỗ của bạn và sẽ gửi nhật ký giao dịch đầy đủ trong vòng "
                "24 giờ."
            ),
            "id": (
                "Saya mengerti ini sangat mengecewakan, {name}. Likuidasi dipicu oleh mark price, "
                "yang sempat menyentuh 61.472 pada pukul 03:14 UTC; saya sudah meminta tim futures "
                "meninjau order stop-loss Anda juga dan akan mengirimkan log transaksi lengkap "
                "dalam 24 jam."
            ),
            "ru": (
                "Понимаю ваше разочарование, {name}. Ликвидация срабатывает по маркировочной цене, "
                "которая в 03:14 UTC ненадолго коснулась 61 472; я также попросил фьючерсную "
                "команду проверить ваш стоп-лосс и в течение 24 часов пришлю полный журнал сделок."
            ),
            "es": (
                "Entiendo tu frustración, {name}. Las liquidaciones se activan por el precio de "
                "marca, que tocó brevemente 61.472 a las 03:14 UTC; ya pedí al equipo de futuros "
                "que revise también tu orden stop-loss y te enviaré el registro completo de "
                "operaciones en menos de 24 horas."
            ),
            "pt": (
                "Entendo sua frustração, {name}. As liquidações são acionadas pelo preço de "
                "marcação, que chegou rapidamente a 61.472 às 03:14 UTC; já pedi à equipe de "
                "futuros que analise também sua ordem de stop-loss e vou te enviar o histórico "
                "completo de operações em até 24 horas."
            ),
            "fr": (
                "Je comprends tout à fait votre frustration, {name}. Les liquidations se "
                "déclenchent sur le prix de marque, qui a brièvement touché 61 472 à 03h14 UTC ; "
                "j'ai demandé à l'équipe futures d'examiner aussi votre ordre stop-loss et je vous "
                "enverrai l'historique complet des transactions sous 24 heures."
            ),
            "de": (
                "Ich verstehe Ihren Ärger, {name}. Liquidationen werden über den Mark-Preis "
                "ausgelöst, der um 03:14 UTC kurz 61.472 erreicht hat; ich habe unser Futures-Team "
                "gebeten, auch Ihre Stop-Loss-Order zu prüfen, und schicke Ihnen innerhalb von 24 "
                "Stunden das vollständige Handelsprotokoll."
            ),
            "tr": (
                "Ne kadar can sıkıcı olduğunu anlıyorum {name}. Likidasyonlar işaret fiyatına göre "
                "tetiklenir ve işaret fiyatı UTC 03:14'te kısa süreliğine 61.472'ye dokundu; "
                "vadeli işlemler ekibinden zarar durdur emrinizi de incelemesini istedim, tam "
                "işlem kaydını 24 saat içinde size göndereceğim."
            ),
            "ar": (
                "أتفهم انزعاجك تماماً يا {name}. التصفية تتم بناءً على سعر العلامة، والذي لامس 61472 "
                "لفترة قصيرة في الساعة 03:14 بتوقيت UTC؛ طلبت من فريق العقود الآجلة مراجعة أمر وقف "
                "الخسارة أيضاً، وسأرسل لك سجل التداول الكامل خلال 24 ساعة."
            ),
            "ja": (
                "{name}様、お気持ちお察しいたします。清算はマーク価格を基準に執行され、"
                "マーク価格はUTC 03:14に一時的に61,472に達しておりました。"
                "ストップロス注文についても先物チームに確認を依頼しましたので、"
                "24時間以内に完全な取引ログをお送りいたします。"
            ),
            "ko": (
                "{name}님, 속상하신 마음 충분히 이해합니다. 청산은 마크 가격 기준으로 실행되며 UTC "
                "03:14에 마크 가격이 잠시 61,472에 도달했습니다. 손절 주문도 선물팀에 함께 검토를 "
                "요청했으며 24시간 이내에 전체 거래 기록을 보내드리겠습니다."
            ),
            "th": (
                "เข้าใจความรู้สึกของคุณ{name}เลยค่ะ การล้างพอร์ตจะอ้างอิงราคา Mark ซึ่งแตะ 61,472 ชั่วขณะตอน "
                "03:14 UTC ดิฉันได้ขอให้ทีมฟิวเจอร์สตรวจสอบคำสั่ง Stop-loss ของคุณด้วย "
                "และจะส่งบันทึกการเทรดทั้งหมดให้ภายใน 24 ชั่วโมงค่ะ"
            ),
            "uk": (
                "Розумію ваше розчарування, {name}. Ліквідація спрацьовує за маркувальною ціною, "
                "яка о 03:14 UTC ненадовго торкнулася 61 472; я також попросив ф'ючерсну команду "
                "перевірити ваш стоп-лос і протягом 24 годин надішлю повний журнал угод."
            ),
            "it": (
                "Capisco la tua frustrazione, {name}. Le liquidazioni si attivano in base al mark "
                "price, che alle 03:14 UTC ha toccato per un attimo 61.472; ho chiesto al team "
                "futures di controllare anche il tuo ordine stop-loss e ti invierò lo storico "
                "completo delle operazioni entro 24 ore."
            ),
        },
    },
}

# What agents leave each other as internal notes (never shown to the customer), by topic: a
# note is only ever left in a conversation about its topic.
INTERNAL_NOTES: dict[str, list[str]] = {
    "deposit_not_arrived": [
        "Tronscan shows 21 confirmations and the to-address matches the user's TRC20 deposit "
        "address. Our node was lagging; manual credit requested in #deposits-ops.",
        "TXID confirmed on chain, deposit sweep queue is 40 min behind. Told the customer to wait "
        "for the sweep; will check again at the top of the hour.",
    ],
    "wrong_network_deposit": [
        "BEP20 sent to an ERC20 address (same 0x format, we control the key on BSC). Recovery "
        "ticket WR-3172 opened with the wallet team; told the customer 7-14 business days plus "
        "the recovery fee.",
        "Same 0x address on both chains, so the funds are in our BSC wallet. Opened a recovery "
        "case from the chat; the customer still has to accept the fee.",
    ],
    "missing_memo_tag": [
        "XRP landed in the hot wallet without a tag. Asked for the Kraken withdrawal screenshot; "
        "do NOT credit until hash, amount and timestamp all match.",
        "Memo missing on a shared XLM address. Matched the hash to the customer's withdrawal "
        "screenshot; recovery case opened, fee explained.",
    ],
    "reset_2fa": [
        "2FA reset: liveness check failed twice because of glare. Same device fingerprint and IP "
        "range as the last 6 months, looks legit. Sent to compliance for manual review.",
        "New phone, old authenticator lost. Asked for the selfie with ID; do not reset before "
        "the 24 h security hold on withdrawals is in place.",
    ],
    "kyc_status": [
        "KYC stuck in second-level review, screening came back clean. Pinged the compliance "
        "queue lead, ETA tomorrow morning CET.",
        "Proof of address is older than 3 months; asked for a recent bank statement.",
    ],
    "withdrawal_pending": [
        "Withdrawal held by the risk engine: new address plus a login from a new country within "
        "24h. Called the customer and confirmed it was them, released. Watch for the TXID.",
        "Hot wallet top-up for TRC20 is running; withdrawals queued behind it should go out "
        "within the hour.",
    ],
    "p2p_dispute": [
        "P2P #P2P-558301: buyer's bank receipt matches amount and account name. Seller offline "
        "for 3h and has 2 earlier appeals against him. Will release to the buyer if no reply by "
        "the 2h mark.",
        "Appeal opened on the order; escrow frozen. Asked both sides for bank statements, not "
        "screenshots.",
    ],
    "futures_liquidation": [
        "Mark price wick to 61,472 at 03:14 UTC confirmed in the index log. The stop-loss was a "
        "limit order on last price, so it never filled. Not eligible for compensation, please "
        "explain gently.",
        "Isolated margin at 20x; liquidation price was correct. Sent the trade log export.",
    ],
}

# Saved replies agents insert with a shortcut (placeholders: {customer.name}, {agent.name}).
# Not every language has every reply: a team writes the ones it needs.
CANNED_RESPONSES: dict[str, dict[str, tuple[str, str]]] = {
    "hello": {
        "en": ("Greeting", "Hi {customer.name}, I'm {agent.name} from Firstline support. "
               "Let me look into this for you."),
        "zh-CN": ("问候", "{customer.name}您好，我是Firstline客服{agent.name}，我来帮您查一下。"),
        "vi": ("Chào hỏi", "Chào {customer.name}, mình là {agent.name} bên hỗ trợ Firstline. "
               "Mình kiểm tra giúp bạn ngay nhé."),
        "id": ("Salam", "Halo {customer.name}, saya {agent.name} dari tim dukungan Firstline. "
               "Saya bantu cek sekarang ya."),
        "ru": ("Приветствие", "Здравствуйте, {customer.name}! Меня зовут {agent.name}, я из "
               "поддержки Firstline. Сейчас всё проверю."),
        "es": ("Saludo", "Hola {customer.name}, soy {agent.name} del soporte de Firstline. "
               "Ya mismo lo reviso."),
        "pt": ("Saudação", "Olá {customer.name}, aqui é {agent.name} do suporte da Firstline. "
               "Vou verificar isso para você."),
        "tr": ("Karşılama", "Merhaba {customer.name}, ben Firstline destek ekibinden "
               "{agent.name}. Hemen kontrol ediyorum."),
        "ar": ("ترحيب", "مرحبًا {customer.name}، معك {agent.name} من دعم Firstline. "
               "سأتحقق من الأمر الآن."),
        "fr": ("Accueil", "Bonjour {customer.name}, ici {agent.name} du support Firstline. "
               "Je regarde cela tout de suite."),
    },
    "txid": {
        "en": ("Ask for the TXID", "Could you send me the transaction hash (TXID) and the "
               "network you used? I'll check it on the chain right away."),
        "zh-CN": ("索取交易哈希", "请提供交易哈希（TXID）和您使用的网络，我马上到链上核实。"),
        "vi": ("Xin mã giao dịch", "Bạn gửi giúp mình mã giao dịch (TXID) và mạng bạn đã dùng "
               "nhé, mình sẽ kiểm tra trên chuỗi ngay."),
        "id": ("Minta TXID", "Boleh kirimkan hash transaksi (TXID) dan jaringan yang dipakai? "
               "Saya cek langsung di blockchain."),
        "ru": ("Запросить TXID", "Пришлите, пожалуйста, хеш транзакции (TXID) и сеть, через "
               "которую вы отправляли. Я сразу проверю в блокчейне."),
        "es": ("Pedir el TXID", "¿Me envías el hash de la transacción (TXID) y la red que "
               "usaste? Lo reviso en la cadena enseguida."),
        "pt": ("Pedir o TXID", "Pode me enviar o hash da transação (TXID) e a rede que você "
               "usou? Vou verificar na blockchain agora."),
        "tr": ("TXID iste", "İşlem hash'ini (TXID) ve kullandığınız ağı gönderebilir misiniz? "
               "Hemen zincir üzerinde kontrol edeceğim."),
        "ar": ("طلب رقم المعاملة", "هل يمكنك إرسال رقم المعاملة (TXID) والشبكة التي استخدمتها؟ "
               "سأتحقق منها على السلسلة فورًا."),
        "fr": ("Demander le TXID", "Pouvez-vous m'envoyer le hash de la transaction (TXID) et "
               "le réseau utilisé ? Je vérifie tout de suite sur la blockchain."),
    },
    "2fa": {
        "en": ("Reset 2FA", "To reset your 2FA, open Security > Two-factor authentication > "
               "Reset and complete the selfie check. Reviews take up to 24 hours."),
        "zh-CN": ("重置双重验证", "重置双重验证：打开 安全 > 双重验证 > 重置，并完成自拍验证。"
                  "审核最长需要24小时。"),
        "vi": ("Đặt lại 2FA", "Để đặt lại 2FA, bạn vào Bảo mật > Xác thực hai lớp > Đặt lại "
               "và hoàn tất bước chụp ảnh khuôn mặt. Việc duyệt mất tối đa 24 giờ."),
        "id": ("Reset 2FA", "Untuk reset 2FA, buka Keamanan > Autentikasi dua faktor > Reset "
               "lalu selesaikan verifikasi selfie. Peninjauan paling lama 24 jam."),
        "ru": ("Сброс 2FA", "Чтобы сбросить 2FA, откройте Безопасность > Двухфакторная "
               "аутентификация > Сброс и пройдите проверку селфи. Проверка занимает до 24 часов."),
        "es": ("Restablecer 2FA", "Para restablecer tu 2FA, entra en Seguridad > Verificación "
               "en dos pasos > Restablecer y completa la selfie. La revisión tarda hasta "
               "24 horas."),
        "pt": ("Redefinir 2FA", "Para redefinir o 2FA, abra Segurança > Autenticação de dois "
               "fatores > Redefinir e faça a verificação por selfie. A análise leva até 24 horas."),
        "tr": ("2FA sıfırlama", "2FA'yı sıfırlamak için Güvenlik > İki adımlı doğrulama > "
               "Sıfırla'yı açıp selfie doğrulamasını tamamlayın. İnceleme 24 saate kadar sürer."),
    },
    "bye": {
        "en": ("Closing", "Is there anything else I can help with? If not, I'll close this "
               "chat. Have a great day, {customer.name}!"),
        "zh-CN": ("结束语", "还有其他可以帮您的吗？如果没有，我将结束本次对话。祝您愉快，"
                  "{customer.name}！"),
        "vi": ("Kết thúc", "Bạn còn cần mình hỗ trợ gì nữa không? Nếu không, mình xin phép "
               "đóng cuộc trò chuyện. Chúc {customer.name} một ngày tốt lành!"),
        "id": ("Penutup", "Ada lagi yang bisa saya bantu? Kalau tidak, chat ini saya tutup ya. "
               "Semoga harimu menyenangkan, {customer.name}!"),
        "ru": ("Завершение", "Могу ли я помочь чем-то ещё? Если нет, я закрою этот чат. "
               "Хорошего дня, {customer.name}!"),
        "es": ("Despedida", "¿Hay algo más en lo que pueda ayudarte? Si no, cierro este chat. "
               "¡Que tengas un buen día, {customer.name}!"),
        "pt": ("Encerramento", "Posso ajudar em mais alguma coisa? Se não, vou encerrar este "
               "chat. Tenha um ótimo dia, {customer.name}!"),
        "tr": ("Kapanış", "Yardımcı olabileceğim başka bir konu var mı? Yoksa bu sohbeti "
               "kapatıyorum. İyi günler, {customer.name}!"),
        "ar": ("ختام", "هل هناك شيء آخر يمكنني مساعدتك به؟ إن لم يكن، سأغلق هذه المحادثة. "
               "يومًا سعيدًا، {customer.name}!"),
        "fr": ("Clôture", "Puis-je vous aider pour autre chose ? Sinon, je clos cette "
               "conversation. Bonne journée, {customer.name} !"),
    },
}  # fmt: skip

# Plausible full names of people writing in each language, in that language's usual order:
# family name first in Chinese, Japanese, Korean and Vietnamese.
CUSTOMER_NAMES: dict[str, list[str]] = {
    "en": [
        "James Carter",
        "Emily Watson",
        "Michael O'Brien",
        "Sarah Mitchell",
        "Daniel Hughes",
        "Olivia Bennett",
    ],
    "zh-CN": ["王伟", "李娜", "张磊", "刘洋", "陈静", "杨帆"],
    "zh-TW": ["林志明", "陳怡君", "黃建宏", "張雅婷", "李冠廷", "吳佩珊"],
    "vi": [
        "Nguyễn Văn An",
        "Trần Thị Mai",
        "Lê Minh Tuấn",
        "Phạm Thu Hà",
        "Hoàng Đức Huy",
        "Võ Ngọc Lan",
    ],
    "id": [
        "Budi Santoso",
        "Siti Rahmawati",
        "Andi Pratama",
        "Dewi Lestari",
        "Rizky Hidayat",
        "Putri Wulandari",
    ],
    "ru": [
        "Алексей Смирнов",
        "Екатерина Иванова",
        "Дмитрий Кузнецов",
        "Ольга Попова",
        "Сергей Волков",
        "Анна Соколова",
    ],
    "es": [
        "Carlos Hernández",
        "María González",
        "Javier Morales",
        "Lucía Fernández",
        "Andrés Ramírez",
        "Valentina Torres",
    ],
    "pt": [
        "João Silva",
        "Ana Souza",
        "Lucas Oliveira",
        "Mariana Costa",
        "Pedro Almeida",
        "Juliana Ferreira",
    ],
    "fr": [
        "Julien Moreau",
        "Camille Dubois",
        "Thomas Lefèvre",
        "Chloé Martin",
        "Nicolas Girard",
        "Manon Laurent",
    ],
    "de": [
        "Lukas Müller",
        "Anna Schmidt",
        "Jonas Weber",
        "Laura Fischer",
        "Felix Becker",
        "Sophie Wagner",
    ],
    "tr": [
        "Mehmet Yılmaz",
        "Ayşe Kaya",
        "Emre Demir",
        "Zeynep Şahin",
        "Burak Çelik",
        "Elif Öztürk",
    ],
    "ar": [
        "محمد العتيبي",
        "فاطمة الزهراني",
        "أحمد الحربي",
        "نورة القحطاني",
        "خالد المصري",
        "سارة الشمري",
    ],
    "ja": ["佐藤 健太", "鈴木 美咲", "高橋 翔", "田中 由美", "伊藤 大輔", "渡辺 さくら"],
    "ko": ["김민준", "이서연", "박지훈", "최수빈", "정하은", "강도윤"],
    "th": ["สมชาย ใจดี", "สุภาพร ศรีสุข", "ธนากร วงศ์ใหญ่", "พิมพ์ชนก แสงทอง", "อนุชา บุญมา", "กมลวรรณ ทองดี"],
    "uk": [
        "Олександр Шевченко",
        "Оксана Коваленко",
        "Андрій Бондаренко",
        "Ірина Мельник",
        "Дмитро Ткаченко",
        "Юлія Кравченко",
    ],
    "it": [
        "Marco Rossi",
        "Giulia Bianchi",
        "Luca Romano",
        "Francesca Colombo",
        "Alessandro Ricci",
        "Chiara Marino",
    ],
}

# The support floor: (name, languages the agent answers in).
AGENT_NAMES: list[tuple[str, list[str]]] = [
    ("Hannah Lee", ["en"]),
    ("Kevin Zhang", ["zh-CN", "en"]),
    ("Chen Yu-ting", ["zh-TW", "zh-CN", "en"]),
    ("Nguyen Thanh Long", ["vi", "en"]),
    ("Tran Bao Ngoc", ["vi"]),
    ("Agus Setiawan", ["id", "en"]),
    ("Irina Volkova", ["ru", "uk", "en"]),
    ("Maksym Hrytsenko", ["uk", "ru"]),
    ("Sofía Navarro", ["es", "en"]),
    ("Rafael Lima", ["pt", "es", "en"]),
    ("Claire Fontaine", ["fr", "en"]),
    ("Jonas Hartmann", ["de", "en"]),
    ("Elif Arslan", ["tr", "de", "en"]),
    ("Omar Haddad", ["ar", "fr", "en"]),
    ("Layla Mansour", ["ar", "en"]),
    ("Yuki Tanaka", ["ja", "en"]),
    ("Park Ji-woo", ["ko", "en"]),
    ("Siriporn Chaiyaporn", ["th", "en"]),
    ("Giulia Ferri", ["it", "en"]),
    ("Marco Bellini", ["it", "es"]),
    ("Daniel Brooks", ["en"]),
    ("Priya Raman", ["en"]),
    ("Li Wei", ["zh-CN"]),
    ("Kenji Mori", ["ja", "ko"]),
]


if __name__ == "__main__":
    for slug, topic in TOPICS.items():
        assert topic["product"] in _PRODUCTS, slug
        assert topic["priority"] in _PRIORITIES, slug
        for field in ("subject", "opening", "follow_up", "agent_reply"):
            texts = topic[field]
            assert set(texts) == set(_LANGUAGES), (slug, field, set(_LANGUAGES) ^ set(texts))
            assert all(text.strip() for text in texts.values()), (slug, field)
    assert len(TOPICS) == 8
    assert set(INTERNAL_NOTES) == set(TOPICS)
    assert all(notes and all(n.strip() for n in notes) for notes in INTERNAL_NOTES.values())
    for shortcut, replies in CANNED_RESPONSES.items():
        assert set(replies) <= set(_LANGUAGES), shortcut
        assert len(replies) >= 8, shortcut
    assert set(CUSTOMER_NAMES) == set(_LANGUAGES)
    assert all(len(names) == 6 for names in CUSTOMER_NAMES.values())
    assert len(AGENT_NAMES) == 24
    assert all(1 <= len(langs) <= 3 for _, langs in AGENT_NAMES)
    assert {lang for _, langs in AGENT_NAMES for lang in langs} == set(_LANGUAGES)
    assert sum("en" in langs for _, langs in AGENT_NAMES) > len(AGENT_NAMES) // 2
    print("ok")


# What customers write beside their rating (CSAT), per language: a few happy, a few not.
CSAT_COMMENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("Fast and clear, thanks!", "Sorted in minutes, great support"),
           ("Took too long to get an answer", "Still not sure why it happened")),
    "zh-CN": (("回复很快，谢谢！", "问题解决了，客服很耐心"),
              ("等了太久才有人回复", "还是没搞清楚原因")),
    "zh-TW": (("回覆很快，謝謝！", "問題解決了，客服很有耐心"),
              ("等太久才有人回覆", "還是不清楚原因")),
    "vi": (("Ho tro nhanh, cam on ban nhieu!", "Nhân viên nhiệt tình, giải quyết nhanh"),
           ("Cho lau qua moi duoc tra loi", "Vẫn chưa hiểu vì sao bị lỗi")),
    "id": (("Cepet banget, makasih kak!", "Mantap, langsung beres"),
           ("Nunggu lama banget baru dibales", "Masih bingung kenapa bisa gitu")),
    "ru": (("Быстро и понятно, спасибо!", "Решили за пару минут"),
           ("Слишком долго ждал ответа", "Так и не понял, в чём была проблема")),
    "es": (("Rápido y claro, ¡gracias!", "Lo resolvieron en minutos"),
           ("Tardaron demasiado en responder", "Sigo sin entender qué pasó")),
    "pt": (("Rápido e claro, obrigado!", "Resolveram em minutos"),
           ("Demorou demais pra responder", "Ainda não entendi o que aconteceu")),
    "fr": (("Rapide et clair, merci !", "Réglé en quelques minutes"),
           ("Réponse beaucoup trop lente", "Je ne comprends toujours pas ce qui s’est passé")),
    "de": (("Schnell und verständlich, danke!", "In wenigen Minuten gelöst"),
           ("Die Antwort hat viel zu lange gedauert", "Mir ist unklar, was passiert ist")),
    "tr": (("Hızlı ve net, teşekkürler!", "Birkaç dakikada çözüldü"),
           ("Cevap çok geç geldi", "Hâlâ neden olduğunu anlamadım")),
    "ar": (("سريع وواضح، شكرًا!", "تم حل المشكلة خلال دقائق"),
           ("تأخر الرد كثيرًا", "ما زلت لا أفهم سبب المشكلة")),
    "ja": (("迅速で分かりやすかったです。ありがとう！", "数分で解決しました"),
           ("返信が遅すぎました", "原因がまだよく分かりません")),
    "ko": (("빠르고 친절했어요, 감사합니다!", "몇 분 만에 해결됐어요"),
           ("답변이 너무 늦었어요", "아직도 왜 그랬는지 모르겠어요")),
    "th": (("ตอบเร็วและชัดเจน ขอบคุณครับ", "แก้ไขได้ในไม่กี่นาที"),
           ("รอคำตอบนานเกินไป", "ยังไม่เข้าใจว่าเกิดอะไรขึ้น")),
    "uk": (("Швидко і зрозуміло, дякую!", "Вирішили за кілька хвилин"),
           ("Дуже довго чекав на відповідь", "Досі не зрозумів, що сталося")),
    "it": (("Veloci e chiari, grazie!", "Risolto in pochi minuti"),
           ("Ci è voluto troppo per una risposta", "Non ho ancora capito cosa sia successo")),
}  # fmt: skip
