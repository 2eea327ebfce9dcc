"""The scorecard a new install starts with (migration 0022 writes it as version 1 of
scorecard 1): what a crypto support desk's reviewers look for, with one critical criterion,
never asking for a secret. Admins change it (a new version) or add their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

DEFAULT_CRITERIA: list[dict[str, Any]] = [
    {
        "key": "greeting_tone",
        "name": {
            "en": "Greeting and tone",
            "zh-CN": "问候与语气",
            "zh-TW": "問候與語氣",
            "vi": "Chào hỏi và thái độ",
            "id": "Salam dan nada bicara",
            "ru": "Приветствие и тон",
            "es": "Saludo y tono",
            "pt": "Saudação e tom",
            "fr": "Accueil et ton",
            "de": "Begrüßung und Ton",
            "tr": "Selamlama ve üslup",
            "ar": "التحية والأسلوب",
            "ja": "あいさつと口調",
            "ko": "인사와 어조",
            "th": "การทักทายและน้ำเสียง",
            "uk": "Привітання й тон",
            "it": "Saluto e tono",
        },
        "description": {
            "en": "Polite, warm and respectful, in the customer's language; the customer is "
            "addressed properly.",
            "zh-CN": "礼貌、亲切、尊重，使用客户的语言；对客户的称呼得当。",
            "zh-TW": "禮貌、親切、尊重，使用客戶的語言；對客戶的稱呼得體。",
            "vi": "Lịch sự, thân thiện và tôn trọng, dùng ngôn ngữ của khách hàng; xưng hô với "
            "khách hàng đúng mực.",
            "id": "Sopan, ramah, dan menghormati, dalam bahasa pelanggan; pelanggan disapa dengan "
            "tepat.",
            "ru": "Вежливо, доброжелательно и уважительно, на языке клиента; к клиенту обращаются "
            "правильно.",
            "es": "Amable, cercano y respetuoso, en el idioma del cliente; se dirige al cliente "
            "de forma adecuada.",
            "pt": "Educado, cordial e respeitoso, no idioma do cliente; o cliente é tratado de "
            "forma adequada.",
            "fr": "Poli, chaleureux et respectueux, dans la langue du client ; on s’adresse au "
            "client comme il se doit.",
            "de": "Höflich, freundlich und respektvoll, in der Sprache des Kunden; der Kunde wird "
            "korrekt angesprochen.",
            "tr": "Müşterinin dilinde kibar, sıcak ve saygılı; müşteriye uygun şekilde hitap "
            "edildi.",
            "ar": "مهذّب وودود ومحترم، بلغة العميل؛ مع مخاطبة العميل على النحو اللائق.",
            "ja": "丁寧で温かく敬意があり、お客様の言語で対応している。お客様への呼びかけが適切。",
            "ko": "고객의 언어로 정중하고 따뜻하며 예의 바르게 응대하고, 고객을 적절하게 호칭함.",
            "th": "สุภาพ อบอุ่น และให้เกียรติ ใช้ภาษาของลูกค้า และเรียกลูกค้าอย่างเหมาะสม",
            "uk": "Ввічливо, доброзичливо й шанобливо, мовою клієнта; до клієнта звертаються "
            "належно.",
            "it": "Cortese, cordiale e rispettoso, nella lingua del cliente; ci si rivolge al "
            "cliente in modo appropriato.",
        },
        "weight": 2, "scale": "1-5", "allow_na": False, "critical": False,
    },
    {
        "key": "understood_issue",
        "name": {
            "en": "Understood the issue",
            "zh-CN": "理解问题",
            "zh-TW": "理解問題",
            "vi": "Hiểu đúng vấn đề",
            "id": "Memahami masalah",
            "ru": "Вопрос понят",
            "es": "Entendió el problema",
            "pt": "Entendeu o problema",
            "fr": "A compris la demande",
            "de": "Anliegen verstanden",
            "tr": "Sorunu anladı",
            "ar": "فهم المشكلة",
            "ja": "問題の理解",
            "ko": "문제 이해",
            "th": "เข้าใจปัญหา",
            "uk": "Питання зрозуміле",
            "it": "Ha capito il problema",
        },
        "description": {
            "en": "Asked the right questions; the customer did not have to repeat themselves.",
            "zh-CN": "提出了正确的问题；客户无需重复说明。",
            "zh-TW": "提出正確的問題；客戶不必重複說明。",
            "vi": "Đặt đúng câu hỏi; khách hàng không phải nhắc lại.",
            "id": "Mengajukan pertanyaan yang tepat; pelanggan tidak perlu mengulang "
            "penjelasannya.",
            "ru": "Заданы нужные вопросы; клиенту не пришлось повторяться.",
            "es": "Hizo las preguntas adecuadas; el cliente no tuvo que repetirse.",
            "pt": "Fez as perguntas certas; o cliente não precisou se repetir.",
            "fr": "A posé les bonnes questions ; le client n’a pas eu à se répéter.",
            "de": "Die richtigen Fragen gestellt; der Kunde musste sich nicht wiederholen.",
            "tr": "Doğru soruları sordu; müşteri kendini tekrarlamak zorunda kalmadı.",
            "ar": "طرح الأسئلة الصحيحة؛ ولم يضطر العميل إلى تكرار كلامه.",
            "ja": "適切な質問をしており、お客様が同じことを繰り返す必要がなかった。",
            "ko": "적절한 질문을 했고, 고객이 같은 말을 반복할 필요가 없었음.",
            "th": "ถามคำถามที่ถูกต้อง ลูกค้าไม่ต้องอธิบายซ้ำ",
            "uk": "Поставлено потрібні запитання; клієнтові не довелося повторюватися.",
            "it": "Ha fatto le domande giuste; il cliente non ha dovuto ripetersi.",
        },
        "weight": 2, "scale": "pass_fail", "allow_na": False, "critical": False,
    },
    {
        "key": "correct_answer",
        "name": {
            "en": "Correct and complete answer",
            "zh-CN": "回答正确完整",
            "zh-TW": "回答正確完整",
            "vi": "Câu trả lời đúng và đầy đủ",
            "id": "Jawaban benar dan lengkap",
            "ru": "Правильный и полный ответ",
            "es": "Respuesta correcta y completa",
            "pt": "Resposta correta e completa",
            "fr": "Réponse juste et complète",
            "de": "Richtige und vollständige Antwort",
            "tr": "Doğru ve eksiksiz yanıt",
            "ar": "إجابة صحيحة وكاملة",
            "ja": "正確で漏れのない回答",
            "ko": "정확하고 완전한 답변",
            "th": "คำตอบถูกต้องและครบถ้วน",
            "uk": "Правильна й повна відповідь",
            "it": "Risposta corretta e completa",
        },
        "description": {
            "en": "Right, within policy, and covering everything that was asked.",
            "zh-CN": "回答正确、符合政策，并涵盖了客户询问的所有内容。",
            "zh-TW": "回答正確、符合政策，且涵蓋客戶詢問的所有內容。",
            "vi": "Chính xác, đúng chính sách và trả lời mọi điều khách hàng đã hỏi.",
            "id": "Benar, sesuai kebijakan, dan mencakup semua yang ditanyakan.",
            "ru": "Верно, в рамках правил и по всем заданным вопросам.",
            "es": "Correcta, conforme a la política y cubre todo lo que se preguntó.",
            "pt": "Correta, dentro da política e cobrindo tudo o que foi perguntado.",
            "fr": "Exacte, conforme à la politique et couvrant tout ce qui a été demandé.",
            "de": "Korrekt, im Rahmen der Richtlinien und auf alle Fragen eingegangen.",
            "tr": "Doğru, politikaya uygun ve sorulan her şeyi kapsıyor.",
            "ar": "صحيحة وضمن السياسة، وتغطي كل ما سُئل عنه.",
            "ja": "正確で、ポリシーに沿っており、質問されたことすべてに答えている。",
            "ko": "정확하고 정책에 맞으며, 질문받은 내용을 모두 다룸.",
            "th": "ถูกต้อง เป็นไปตามนโยบาย และตอบครบทุกเรื่องที่ลูกค้าถาม",
            "uk": "Правильно, відповідно до правил і на всі поставлені запитання.",
            "it": "Esatta, conforme alle policy e che copre tutto ciò che è stato chiesto.",
        },
        "weight": 3, "scale": "1-5", "allow_na": False, "critical": False,
    },
    {
        "key": "followed_procedure",
        "name": {
            "en": "Followed the procedure",
            "zh-CN": "遵循流程",
            "zh-TW": "遵循作業流程",
            "vi": "Tuân thủ quy trình",
            "id": "Mengikuti prosedur",
            "ru": "Процедура соблюдена",
            "es": "Siguió el procedimiento",
            "pt": "Seguiu o procedimento",
            "fr": "A suivi la procédure",
            "de": "Vorgehen eingehalten",
            "tr": "Prosedüre uydu",
            "ar": "اتباع الإجراء",
            "ja": "手順の遵守",
            "ko": "절차 준수",
            "th": "ปฏิบัติตามขั้นตอน",
            "uk": "Процедуру дотримано",
            "it": "Ha seguito la procedura",
        },
        "description": {
            "en": "Verification, the recovery desk, escalation done as the procedure says "
            "(N/A when none applies).",
            "zh-CN": "身份验证、转交资产找回组、升级等均按流程执行（不涉及时选“不适用”）。",
            "zh-TW": "身分驗證、轉交資產找回團隊、升級等皆依流程執行（不涉及時選「不適用」）。",
            "vi": "Xác minh, chuyển bộ phận thu hồi, chuyển cấp được thực hiện đúng quy trình "
            "(Không áp dụng nếu không có bước nào liên quan).",
            "id": "Verifikasi, penyerahan ke tim pemulihan, dan eskalasi dilakukan sesuai "
            "prosedur (Tidak berlaku jika tidak ada yang relevan).",
            "ru": "Верификация, передача в группу возврата средств и эскалация выполнены по "
            "процедуре («Неприменимо», если ничего из этого не требовалось).",
            "es": "Verificación, paso al equipo de recuperación y escalado hechos según el "
            "procedimiento (N/A si no aplica ninguno).",
            "pt": "Verificação, encaminhamento à equipe de recuperação e escalonamento feitos "
            "conforme o procedimento (N/A quando nenhum se aplica).",
            "fr": "Vérification, équipe de récupération, escalade : tout est fait selon la "
            "procédure (N/A si rien de cela ne s’applique).",
            "de": "Verifizierung, Rückholungsteam und Eskalation wie im Ablauf vorgesehen "
            "(Entfällt, wenn nichts davon zutrifft).",
            "tr": "Doğrulama, kurtarma ekibine yönlendirme ve üst seviyeye aktarma prosedüre "
            "uygun yapıldı (hiçbiri söz konusu değilse Uygulanmaz).",
            "ar": "تمّ التحقق والإحالة إلى فريق الاسترداد والتصعيد وفق الإجراء («لا ينطبق» إذا لم "
            "يلزم أيٌّ منها).",
            "ja": "本人確認、資産回収チームへの引き継ぎ、エスカレーションを手順どおりに行った（該"
            "当しない場合は「該当なし」）。",
            "ko": "본인 인증, 자산 복구팀 이관, 에스컬레이션을 절차대로 진행함(해당 사항이 없으면 "
            "‘해당 없음’).",
            "th": "การยืนยันตัวตน การส่งต่อทีมกู้คืนทรัพย์สิน และการส่งต่อระดับสูงขึ้น "
            "ทำตามขั้นตอนที่กำหนด (เลือก “ไม่เกี่ยวข้อง” หากไม่มีกรณีใดเกี่ยวข้อง)",
            "uk": "Верифікацію, передачу групі повернення коштів і ескалацію виконано згідно з "
            "процедурою («Не застосовується», якщо нічого з цього не стосується).",
            "it": "Verifica, passaggio al team di recupero e inoltro al livello superiore fatti "
            "come prevede la procedura (N/A se nessuno si applica).",
        },
        "weight": 2, "scale": "pass_fail", "allow_na": True, "critical": False,
    },
    {
        "key": "clear_writing",
        "name": {
            "en": "Clear writing",
            "zh-CN": "表达清晰",
            "zh-TW": "文字清楚",
            "vi": "Diễn đạt rõ ràng",
            "id": "Tulisan jelas",
            "ru": "Понятный текст",
            "es": "Redacción clara",
            "pt": "Escrita clara",
            "fr": "Rédaction claire",
            "de": "Klar geschrieben",
            "tr": "Açık anlatım",
            "ar": "كتابة واضحة",
            "ja": "わかりやすい文章",
            "ko": "명확한 글쓰기",
            "th": "เขียนได้ชัดเจน",
            "uk": "Зрозумілий текст",
            "it": "Scrittura chiara",
        },
        "description": {
            "en": "Short, clear sentences; no jargon; correct spelling.",
            "zh-CN": "句子简短清楚；不用行话；没有错别字。",
            "zh-TW": "句子簡短清楚；不用艱澀術語；沒有錯字。",
            "vi": "Câu ngắn, rõ ràng; không dùng thuật ngữ khó hiểu; đúng chính tả.",
            "id": "Kalimat singkat dan jelas; tanpa jargon; ejaan benar.",
            "ru": "Короткие понятные предложения; без жаргона; без орфографических ошибок.",
            "es": "Frases cortas y claras; sin jerga; ortografía correcta.",
            "pt": "Frases curtas e claras; sem jargão; ortografia correta.",
            "fr": "Phrases courtes et claires ; pas de jargon ; orthographe correcte.",
            "de": "Kurze, klare Sätze; kein Fachjargon; korrekte Rechtschreibung.",
            "tr": "Kısa ve açık cümleler; jargon yok; yazım doğru.",
            "ar": "جمل قصيرة وواضحة؛ بلا مصطلحات غامضة؛ وإملاء صحيح.",
            "ja": "短く明確な文で、専門用語を使わず、誤字脱字がない。",
            "ko": "짧고 명확한 문장, 어려운 전문 용어 없음, 정확한 맞춤법.",
            "th": "ประโยคสั้นและชัดเจน ไม่ใช้ศัพท์เฉพาะ สะกดถูกต้อง",
            "uk": "Короткі зрозумілі речення; без жаргону; без орфографічних помилок.",
            "it": "Frasi brevi e chiare; niente gergo; ortografia corretta.",
        },
        "weight": 1, "scale": "1-5", "allow_na": False, "critical": False,
    },
    {
        "key": "scam_protection",
        "name": {
            "en": "Protected the customer from fraud",
            "zh-CN": "保护客户免受诈骗",
            "zh-TW": "保護客戶免於詐騙",
            "vi": "Bảo vệ khách hàng khỏi lừa đảo",
            "id": "Melindungi pelanggan dari penipuan",
            "ru": "Клиент защищён от мошенничества",
            "es": "Protegió al cliente del fraude",
            "pt": "Protegeu o cliente contra fraude",
            "fr": "A protégé le client de la fraude",
            "de": "Kunden vor Betrug geschützt",
            "tr": "Müşteriyi dolandırıcılıktan korudu",
            "ar": "حماية العميل من الاحتيال",
            "ja": "詐欺からお客様を保護",
            "ko": "사기로부터 고객 보호",
            "th": "ปกป้องลูกค้าจากการฉ้อโกง",
            "uk": "Клієнта захищено від шахрайства",
            "it": "Ha protetto il cliente dalle frodi",
        },
        "description": {
            "en": "Warned the customer and stopped the transfer when there was a sign of a "
            "scam (N/A when there was none).",
            "zh-CN": "发现诈骗迹象时提醒了客户并阻止了转账（没有迹象时选“不适用”）。",
            "zh-TW": "發現詐騙跡象時已提醒客戶並阻止轉帳（沒有跡象時選「不適用」）。",
            "vi": "Đã cảnh báo khách hàng và dừng giao dịch chuyển tiền khi có dấu hiệu lừa đảo "
            "(Không áp dụng nếu không có dấu hiệu nào).",
            "id": "Memperingatkan pelanggan dan menghentikan transfer saat ada tanda penipuan "
            "(Tidak berlaku jika tidak ada).",
            "ru": "Клиент предупреждён, а перевод остановлен при признаках мошенничества "
            "(«Неприменимо», если признаков не было).",
            "es": "Advirtió al cliente y detuvo la transferencia ante indicios de estafa (N/A si "
            "no los hubo).",
            "pt": "Alertou o cliente e interrompeu a transferência quando havia sinal de golpe "
            "(N/A quando não havia).",
            "fr": "A averti le client et bloqué le transfert en cas de signe d’arnaque (N/A s’il "
            "n’y en avait pas).",
            "de": "Bei Anzeichen von Betrug den Kunden gewarnt und den Transfer gestoppt "
            "(Entfällt, wenn es keine gab).",
            "tr": "Dolandırıcılık belirtisi olduğunda müşteriyi uyardı ve transferi durdurdu "
            "(belirti yoksa Uygulanmaz).",
            "ar": "حذّر العميل وأوقف التحويل عند ظهور علامة على الاحتيال («لا ينطبق» إذا لم تظهر "
            "أي علامة).",
            "ja": "詐欺の兆候があるときにお客様に警告し、送金を止めた（兆候がなかった場合は「該当"
            "なし」）。",
            "ko": "사기 징후가 있을 때 고객에게 경고하고 이체를 중단함(징후가 없었으면 ‘해당 "
            "없음’).",
            "th": "เตือนลูกค้าและหยุดการโอนเมื่อมีสัญญาณของการหลอกลวง (เลือก “ไม่เกี่ยวข้อง” "
            "หากไม่มีสัญญาณ)",
            "uk": "Клієнта попереджено, а переказ зупинено за ознак шахрайства («Не "
            "застосовується», якщо ознак не було).",
            "it": "Ha avvisato il cliente e fermato il trasferimento in presenza di segnali di "
            "truffa (N/A se non ce n’erano).",
        },
        "weight": 1, "scale": "pass_fail", "allow_na": True, "critical": False,
    },
    {
        "key": "no_secret_requested",
        "name": {
            "en": "Never asked for a secret",
            "zh-CN": "从未索要机密信息",
            "zh-TW": "從未索取機密資訊",
            "vi": "Không bao giờ hỏi thông tin bí mật",
            "id": "Tidak pernah meminta data rahasia",
            "ru": "Секретные данные не запрашивались",
            "es": "Nunca pidió datos secretos",
            "pt": "Nunca pediu dados secretos",
            "fr": "N’a jamais demandé de secret",
            "de": "Nie nach geheimen Daten gefragt",
            "tr": "Asla gizli bilgi istemedi",
            "ar": "عدم طلب أي معلومات سرية",
            "ja": "機密情報を一切求めない",
            "ko": "민감 정보를 절대 요구하지 않음",
            "th": "ไม่เคยขอข้อมูลลับ",
            "uk": "Секретних даних не запитували",
            "it": "Non ha mai chiesto dati segreti",
        },
        "description": {
            "en": "Did not ask for a password, a code, a seed phrase or a private key, or to "
            "send funds to another address. Failing it makes the whole score 0.",
            "zh-CN": "没有索要密码、验证码、助记词或私钥，也没有要求客户将资金转到其他地址。"
            "此项不通过则总分为 0。",
            "zh-TW": "未索取密碼、驗證碼、助記詞或私鑰，也未要求客戶將資金轉到其他地址。"
            "此項未通過則總分為 0。",
            "vi": "Không yêu cầu mật khẩu, mã, cụm từ khôi phục (seed phrase) hay khóa riêng tư, "
            "cũng không yêu cầu chuyển tiền sang địa chỉ khác. Không đạt tiêu chí này thì toàn bộ "
            "điểm là 0.",
            "id": "Tidak meminta kata sandi, kode, seed phrase, atau kunci privat, dan tidak "
            "meminta mengirim dana ke alamat lain. Jika gagal, seluruh skor menjadi 0.",
            "ru": "Не запрашивались пароль, код, сид-фраза или приватный ключ, клиента не просили "
            "перевести средства на другой адрес. Невыполнение обнуляет весь балл.",
            "es": "No pidió contraseñas, códigos, frases semilla ni claves privadas, ni enviar "
            "fondos a otra dirección. Si no se cumple, la puntuación total es 0.",
            "pt": "Não pediu senha, código, frase-semente ou chave privada, nem que enviasse "
            "fundos para outro endereço. Se não for atendido, a nota total é 0.",
            "fr": "N’a demandé ni mot de passe, ni code, ni phrase de récupération, ni clé "
            "privée, ni d’envoyer des fonds vers une autre adresse. Un échec ramène le score "
            "total à 0.",
            "de": "Nicht nach Passwort, Code, Seed-Phrase oder privatem Schlüssel gefragt und "
            "nicht aufgefordert, Guthaben an eine andere Adresse zu senden. Bei Nichterfüllung "
            "ist das Gesamtergebnis 0.",
            "tr": "Şifre, kod, kurtarma ifadesi (seed phrase) veya özel anahtar istemedi; başka "
            "bir adrese fon gönderilmesini de istemedi. Karşılanmazsa toplam puan 0 olur.",
            "ar": "لم يطلب كلمة مرور أو رمزًا أو عبارة استرداد أو مفتاحًا خاصًا، ولم يطلب إرسال "
            "أموال إلى عنوان آخر. عدم استيفائه يجعل الدرجة الكلية 0.",
            "ja": "パスワード、コード、シードフレーズ、秘密鍵を求めず、"
            "別のアドレスへの送金も求めなかった。不合格の場合、総合スコアは 0 になる。",
            "ko": "비밀번호, 코드, 시드 문구, 개인 키를 요구하거나 다른 주소로 자금을 보내라고 "
            "요구하지 않음. 미충족 시 전체 점수가 0점이 됨.",
            "th": "ไม่ขอรหัสผ่าน รหัส วลีกู้คืน (Seed Phrase) หรือคีย์ส่วนตัว "
            "และไม่ขอให้โอนเงินไปยังที่อยู่อื่น หากไม่ผ่านข้อนี้ คะแนนรวมจะเป็น 0",
            "uk": "Не запитували пароль, код, сід-фразу чи приватний ключ і не просили переказати "
            "кошти на іншу адресу. Невиконання обнуляє весь бал.",
            "it": "Non ha chiesto password, codici, seed phrase o chiavi private, né di inviare "
            "fondi a un altro indirizzo. Se non superato, il punteggio totale è 0.",
        },
        "weight": 1, "scale": "pass_fail", "allow_na": False, "critical": True,
    },
]  # fmt: skip


def default_rows(at: datetime) -> list[tuple[str, list[dict[str, Any]]]]:
    """What a new install has (migration 0022 writes it; the tests write it again after they
    empty the tables): the scorecard above, and the two sampling rules a desk needs on day
    one, every rating of 1 or 2 and every request for a secret."""
    return [
        ("qa_scorecards", [
            {"id": 1, "name": "Support quality", "active": True, "version_id": 1,
             "created_at": at, "updated_at": at},
        ]),
        ("qa_scorecard_versions", [
            {"id": 1, "scorecard_id": 1, "version": 1, "criteria": DEFAULT_CRITERIA,
             "created_by": None, "created_at": at},
        ]),
        # Unnamed: the console names a rule without a name by what it takes, in the reader's
        # language ("Low rating", "Failed check: Asked for a secret").
        ("qa_sampling_rules", [
            {"id": 1, "name": "", "trigger": "csat_low", "percent": None,
             "check_name": None, "active": True, "created_at": at},
            {"id": 2, "name": "", "trigger": "check_failed",
             "percent": None, "check_name": "secret_request", "active": True, "created_at": at},
        ]),
    ]  # fmt: skip


# Rows written with their ids: on PostgreSQL the sequences must be moved past them.
SEQUENCE_FIXES = tuple(
    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
    for table in ("qa_scorecards", "qa_scorecard_versions", "qa_sampling_rules")
)
