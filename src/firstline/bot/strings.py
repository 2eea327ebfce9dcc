"""The bot's own words in every supported language, and the words it listens for.

The bot states no fact of its own: these lines only frame what an article or a flow says, or
say what happens next. Placeholders: {language} a language's own name, {title} an article's
title.
"""

from __future__ import annotations

KEYS = (
    "greeting", "answer_intro", "answer_other_language", "read_more", "helped", "yes", "no",
    "glad", "try_again", "handover", "handover_unsure", "handover_money", "handover_upset",
    "cancelled", "backoffice_down",
)  # fmt: skip

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Hello! Ask me about your account, deposits, withdrawals or security. "
        "Type “agent” at any time to talk to a person.",
        "answer_intro": "Here is what our help center says:",
        "answer_other_language": "I found this in {language}:",
        "read_more": "Full article: {title}",
        "helped": "Did this answer your question?",
        "yes": "Yes",
        "no": "No",
        "glad": "Glad I could help! Write again any time.",
        "try_again": "Sorry about that. Could you describe the problem in other words?",
        "handover": "I’m passing you to a person from our support team. They will see "
        "everything you wrote here.",
        "handover_unsure": "I’m not sure I have the right answer, so I’m passing you to a "
        "person from our support team.",
        "handover_money": "This needs a person right away: I’m passing you to our support team "
        "first in line. Never share your password or 2FA codes with anyone, including us.",
        "handover_upset": "I’m sorry for the trouble. I’m passing you to a person from our "
        "support team now.",
        "cancelled": "OK, I’ve stopped that. What else can I help you with?",
        "backoffice_down": "Our systems are not answering right now, so a person from our "
        "support team will help you.",
    },
    "zh-CN": {
        "greeting": "您好！您可以问我账户、充值、提现或安全方面的问题。随时输入“人工”即可联系客服人员。",
        "answer_intro": "帮助中心的解答如下：",
        "answer_other_language": "我找到了这篇{language}文章：",
        "read_more": "完整文章：{title}",
        "helped": "这是否解答了您的问题？",
        "yes": "是",
        "no": "否",
        "glad": "很高兴能帮到您！如有需要，随时联系我们。",
        "try_again": "抱歉。能换一种说法描述一下您的问题吗？",
        "handover": "我正在为您转接人工客服，他们会看到您在这里写的全部内容。",
        "handover_unsure": "我不确定能否给出正确答案，正在为您转接人工客服。",
        "handover_money": "这需要人工立即处理：已为您优先转接客服。请勿向任何人（包括我们）透露密码或2FA验证码。",
        "handover_upset": "抱歉给您带来不便，正在为您转接人工客服。",
        "cancelled": "好的，已停止。还有什么可以帮您？",
        "backoffice_down": "我们的系统暂时无法响应，将由人工客服为您处理。",
    },
    "zh-TW": {
        "greeting": "您好！您可以問我帳戶、入金、出金或安全方面的問題。隨時輸入「真人」即可聯繫客服人員。",
        "answer_intro": "幫助中心的說明如下：",
        "answer_other_language": "我找到了這篇{language}文章：",
        "read_more": "完整文章：{title}",
        "helped": "這是否解答了您的問題？",
        "yes": "是",
        "no": "否",
        "glad": "很高興能幫上忙！如有需要，隨時聯繫我們。",
        "try_again": "抱歉。能換個說法描述您的問題嗎？",
        "handover": "我正在為您轉接真人客服，他們會看到您在這裡寫的所有內容。",
        "handover_unsure": "我不確定能給出正確答案，正在為您轉接真人客服。",
        "handover_money": "這需要真人立即處理：已為您優先轉接客服。請勿向任何人（包括我們）透露密碼或2FA驗證碼。",
        "handover_upset": "很抱歉造成您的困擾，正在為您轉接真人客服。",
        "cancelled": "好的，已停止。還有什麼可以幫您？",
        "backoffice_down": "我們的系統暫時沒有回應，將由真人客服為您處理。",
    },
    "vi": {
        "greeting": "Xin chào! Bạn có thể hỏi tôi về tài khoản, nạp tiền, rút tiền hoặc bảo mật. "
        "Gõ “nhân viên” bất cứ lúc nào để nói chuyện với người thật.",
        "answer_intro": "Trung tâm hỗ trợ có hướng dẫn sau:",
        "answer_other_language": "Tôi tìm thấy bài này bằng {language}:",
        "read_more": "Bài viết đầy đủ: {title}",
        "helped": "Câu trả lời này có giải đáp được thắc mắc của bạn không?",
        "yes": "Có",
        "no": "Không",
        "glad": "Rất vui vì đã giúp được bạn! Hãy nhắn lại bất cứ lúc nào.",
        "try_again": "Xin lỗi bạn. Bạn có thể mô tả vấn đề bằng cách khác không?",
        "handover": "Tôi đang chuyển bạn đến nhân viên hỗ trợ. Họ sẽ thấy mọi điều bạn đã viết ở đây.",
        "handover_unsure": "Tôi không chắc mình có câu trả lời đúng, nên tôi đang chuyển bạn "
        "đến nhân viên hỗ trợ.",
        "handover_money": "Việc này cần người xử lý ngay: tôi đang chuyển bạn đến nhân viên hỗ "
        "trợ với ưu tiên cao nhất. Đừng bao giờ chia sẻ mật khẩu hay mã 2FA với bất kỳ ai, kể cả "
        "chúng tôi.",
        "handover_upset": "Xin lỗi vì sự bất tiện. Tôi đang chuyển bạn đến nhân viên hỗ trợ ngay.",
        "cancelled": "Được rồi, tôi đã dừng. Tôi có thể giúp gì khác cho bạn?",
        "backoffice_down": "Hệ thống của chúng tôi hiện không phản hồi, nhân viên hỗ trợ sẽ giúp bạn.",
    },
    "id": {
        "greeting": "Halo! Tanyakan kepada saya tentang akun, deposit, penarikan, atau keamanan. "
        "Ketik “agen” kapan saja untuk berbicara dengan petugas.",
        "answer_intro": "Berikut penjelasan dari pusat bantuan kami:",
        "answer_other_language": "Saya menemukan ini dalam {language}:",
        "read_more": "Artikel lengkap: {title}",
        "helped": "Apakah ini menjawab pertanyaan Anda?",
        "yes": "Ya",
        "no": "Tidak",
        "glad": "Senang bisa membantu! Silakan menulis lagi kapan saja.",
        "try_again": "Maaf. Bisakah Anda menjelaskan masalahnya dengan kata-kata lain?",
        "handover": "Saya meneruskan Anda ke petugas tim dukungan kami. Mereka akan melihat "
        "semua yang Anda tulis di sini.",
        "handover_unsure": "Saya tidak yakin punya jawaban yang tepat, jadi saya meneruskan Anda "
        "ke petugas tim dukungan kami.",
        "handover_money": "Ini perlu ditangani petugas segera: Anda saya teruskan ke tim "
        "dukungan dengan prioritas utama. Jangan pernah membagikan kata sandi atau kode 2FA "
        "kepada siapa pun, termasuk kami.",
        "handover_upset": "Mohon maaf atas kendalanya. Saya meneruskan Anda ke petugas sekarang.",
        "cancelled": "Baik, sudah saya hentikan. Ada lagi yang bisa saya bantu?",
        "backoffice_down": "Sistem kami sedang tidak merespons, jadi petugas kami akan membantu "
        "Anda.",
    },
    "ru": {
        "greeting": "Здравствуйте! Спросите меня об аккаунте, пополнениях, выводах или "
        "безопасности. Напишите «оператор» в любой момент, чтобы поговорить с человеком.",
        "answer_intro": "Вот что сказано в справочном центре:",
        "answer_other_language": "Я нашёл это на языке «{language}»:",
        "read_more": "Полная статья: {title}",
        "helped": "Это ответ на ваш вопрос?",
        "yes": "Да",
        "no": "Нет",
        "glad": "Рад, что смог помочь! Пишите в любое время.",
        "try_again": "Извините. Можете описать проблему другими словами?",
        "handover": "Передаю вас сотруднику поддержки. Он увидит всё, что вы здесь написали.",
        "handover_unsure": "Я не уверен, что отвечу правильно, поэтому передаю вас сотруднику "
        "поддержки.",
        "handover_money": "Здесь нужен человек немедленно: передаю вас в поддержку в первую "
        "очередь. Никогда никому не сообщайте пароль и коды 2FA, даже нам.",
        "handover_upset": "Извините за неудобства. Передаю вас сотруднику поддержки.",
        "cancelled": "Хорошо, остановил. Чем ещё могу помочь?",
        "backoffice_down": "Наши системы сейчас не отвечают, поэтому вам поможет сотрудник "
        "поддержки.",
    },
    "es": {
        "greeting": "¡Hola! Pregúntame sobre tu cuenta, depósitos, retiros o seguridad. Escribe "
        "«agente» en cualquier momento para hablar con una persona.",
        "answer_intro": "Esto es lo que dice nuestro centro de ayuda:",
        "answer_other_language": "Encontré esto en {language}:",
        "read_more": "Artículo completo: {title}",
        "helped": "¿Esto responde a tu pregunta?",
        "yes": "Sí",
        "no": "No",
        "glad": "¡Me alegra haber ayudado! Escríbenos cuando quieras.",
        "try_again": "Lo siento. ¿Puedes describir el problema con otras palabras?",
        "handover": "Te paso con una persona de nuestro equipo de soporte. Verá todo lo que "
        "escribiste aquí.",
        "handover_unsure": "No estoy seguro de tener la respuesta correcta, así que te paso con "
        "una persona de nuestro equipo de soporte.",
        "handover_money": "Esto necesita a una persona ya: te paso al equipo de soporte con "
        "máxima prioridad. Nunca compartas tu contraseña ni tus códigos 2FA con nadie, ni "
        "siquiera con nosotros.",
        "handover_upset": "Lamento las molestias. Te paso ahora con una persona de soporte.",
        "cancelled": "De acuerdo, lo he detenido. ¿En qué más puedo ayudarte?",
        "backoffice_down": "Nuestros sistemas no responden en este momento, así que te ayudará "
        "una persona de soporte.",
    },
    "pt": {
        "greeting": "Olá! Pergunte-me sobre sua conta, depósitos, saques ou segurança. Digite "
        "“atendente” a qualquer momento para falar com uma pessoa.",
        "answer_intro": "Veja o que diz a nossa central de ajuda:",
        "answer_other_language": "Encontrei isto em {language}:",
        "read_more": "Artigo completo: {title}",
        "helped": "Isso respondeu à sua pergunta?",
        "yes": "Sim",
        "no": "Não",
        "glad": "Que bom que ajudou! Escreva quando quiser.",
        "try_again": "Desculpe. Pode descrever o problema com outras palavras?",
        "handover": "Vou passar você para uma pessoa da nossa equipe de suporte. Ela verá tudo "
        "o que você escreveu aqui.",
        "handover_unsure": "Não tenho certeza de ter a resposta certa, então vou passar você "
        "para uma pessoa da nossa equipe de suporte.",
        "handover_money": "Isto precisa de uma pessoa agora: vou passar você ao suporte com "
        "prioridade máxima. Nunca compartilhe sua senha ou códigos 2FA com ninguém, nem conosco.",
        "handover_upset": "Sinto muito pelo transtorno. Vou passar você agora para o suporte.",
        "cancelled": "Certo, parei. Em que mais posso ajudar?",
        "backoffice_down": "Nossos sistemas não estão respondendo agora, então uma pessoa do "
        "suporte vai ajudar você.",
    },
    "fr": {
        "greeting": "Bonjour ! Posez-moi vos questions sur votre compte, vos dépôts, vos "
        "retraits ou la sécurité. Tapez « agent » à tout moment pour parler à une personne.",
        "answer_intro": "Voici ce qu’indique notre centre d’aide :",
        "answer_other_language": "J’ai trouvé ceci en {language} :",
        "read_more": "Article complet : {title}",
        "helped": "Cela répond-il à votre question ?",
        "yes": "Oui",
        "no": "Non",
        "glad": "Ravi d’avoir pu vous aider ! Écrivez-nous quand vous voulez.",
        "try_again": "Désolé. Pouvez-vous décrire le problème autrement ?",
        "handover": "Je vous transfère à une personne de notre équipe d’assistance. Elle verra "
        "tout ce que vous avez écrit ici.",
        "handover_unsure": "Je ne suis pas sûr d’avoir la bonne réponse, je vous transfère donc "
        "à une personne de notre équipe d’assistance.",
        "handover_money": "Cela demande une personne tout de suite : je vous transfère en "
        "priorité à l’assistance. Ne communiquez jamais votre mot de passe ni vos codes 2FA, "
        "pas même à nous.",
        "handover_upset": "Désolé pour ce désagrément. Je vous transfère à l’assistance.",
        "cancelled": "D’accord, j’ai arrêté. Que puis-je faire d’autre pour vous ?",
        "backoffice_down": "Nos systèmes ne répondent pas pour le moment ; une personne de "
        "l’assistance va vous aider.",
    },
    "de": {
        "greeting": "Hallo! Fragen Sie mich zu Konto, Einzahlungen, Auszahlungen oder "
        "Sicherheit. Schreiben Sie jederzeit „Mitarbeiter“, um mit einem Menschen zu sprechen.",
        "answer_intro": "Das steht in unserem Hilfe-Center:",
        "answer_other_language": "Ich habe das auf {language} gefunden:",
        "read_more": "Ganzer Artikel: {title}",
        "helped": "Beantwortet das Ihre Frage?",
        "yes": "Ja",
        "no": "Nein",
        "glad": "Schön, dass ich helfen konnte! Schreiben Sie jederzeit wieder.",
        "try_again": "Das tut mir leid. Können Sie das Problem mit anderen Worten beschreiben?",
        "handover": "Ich verbinde Sie mit einem Menschen aus unserem Support-Team. Er sieht "
        "alles, was Sie hier geschrieben haben.",
        "handover_unsure": "Ich bin nicht sicher, die richtige Antwort zu haben, deshalb "
        "verbinde ich Sie mit unserem Support-Team.",
        "handover_money": "Das braucht sofort einen Menschen: Ich verbinde Sie vorrangig mit "
        "dem Support. Geben Sie Passwort oder 2FA-Codes niemals weiter, auch nicht an uns.",
        "handover_upset": "Entschuldigen Sie die Unannehmlichkeiten. Ich verbinde Sie jetzt "
        "mit dem Support.",
        "cancelled": "In Ordnung, abgebrochen. Wobei kann ich sonst helfen?",
        "backoffice_down": "Unsere Systeme antworten gerade nicht; ein Mensch aus dem Support "
        "hilft Ihnen weiter.",
    },
    "tr": {
        "greeting": "Merhaba! Hesabınız, yatırmalar, çekimler veya güvenlik hakkında bana "
        "soru sorun. Bir kişiyle görüşmek için istediğiniz an “temsilci” yazın.",
        "answer_intro": "Yardım merkezimizde şöyle yazıyor:",
        "answer_other_language": "Bunu {language} dilinde buldum:",
        "read_more": "Makalenin tamamı: {title}",
        "helped": "Bu sorunuzu yanıtladı mı?",
        "yes": "Evet",
        "no": "Hayır",
        "glad": "Yardımcı olabildiğime sevindim! Dilediğiniz zaman yazın.",
        "try_again": "Üzgünüm. Sorunu başka kelimelerle anlatabilir misiniz?",
        "handover": "Sizi destek ekibimizden bir kişiye aktarıyorum. Burada yazdığınız her şeyi "
        "görecek.",
        "handover_unsure": "Doğru yanıta sahip olduğumdan emin değilim, bu yüzden sizi destek "
        "ekibimizden bir kişiye aktarıyorum.",
        "handover_money": "Bu hemen bir kişi gerektiriyor: sizi öncelikli olarak desteğe "
        "aktarıyorum. Şifrenizi veya 2FA kodlarınızı asla kimseyle, bizimle bile paylaşmayın.",
        "handover_upset": "Yaşadığınız sorun için üzgünüm. Sizi hemen desteğe aktarıyorum.",
        "cancelled": "Tamam, durdurdum. Başka nasıl yardımcı olabilirim?",
        "backoffice_down": "Sistemlerimiz şu anda yanıt vermiyor; destek ekibimizden biri size "
        "yardımcı olacak.",
    },
    "ar": {
        "greeting": "مرحبًا! اسألني عن حسابك أو الإيداعات أو السحوبات أو الأمان. اكتب «موظف» في "
        "أي وقت للتحدث مع شخص.",
        "answer_intro": "هذا ما يقوله مركز المساعدة:",
        "answer_other_language": "وجدت هذا بـ{language}:",
        "read_more": "المقالة كاملة: {title}",
        "helped": "هل أجاب هذا عن سؤالك؟",
        "yes": "نعم",
        "no": "لا",
        "glad": "يسعدني أنني ساعدتك! راسلنا في أي وقت.",
        "try_again": "عذرًا. هل يمكنك وصف المشكلة بكلمات أخرى؟",
        "handover": "سأحوّلك إلى أحد أفراد فريق الدعم، وسيرى كل ما كتبته هنا.",
        "handover_unsure": "لست متأكدًا من أن لدي الإجابة الصحيحة، لذا سأحوّلك إلى أحد أفراد "
        "فريق الدعم.",
        "handover_money": "هذا يحتاج إلى شخص فورًا: سأحوّلك إلى فريق الدعم بأولوية قصوى. لا "
        "تشارك كلمة المرور أو رموز المصادقة الثنائية مع أي أحد، ولا حتى معنا.",
        "handover_upset": "نأسف للإزعاج. سأحوّلك الآن إلى فريق الدعم.",
        "cancelled": "حسنًا، أوقفت ذلك. بماذا يمكنني مساعدتك أيضًا؟",
        "backoffice_down": "أنظمتنا لا تستجيب الآن، لذا سيساعدك أحد أفراد فريق الدعم.",
    },
    "ja": {
        "greeting": "こんにちは！アカウント、入金、出金、セキュリティについてご質問ください。"
        "担当者と話したいときはいつでも「オペレーター」と入力してください。",
        "answer_intro": "ヘルプセンターには次のように記載されています：",
        "answer_other_language": "{language}の記事が見つかりました：",
        "read_more": "記事全文：{title}",
        "helped": "ご質問の答えになりましたか？",
        "yes": "はい",
        "no": "いいえ",
        "glad": "お役に立ててよかったです！いつでもご連絡ください。",
        "try_again": "申し訳ありません。別の言葉で問題を説明していただけますか？",
        "handover": "サポートチームの担当者におつなぎします。ここに書かれた内容はすべて担当者に"
        "引き継がれます。",
        "handover_unsure": "正しい回答か確信が持てないため、サポートチームの担当者におつなぎします。",
        "handover_money": "すぐに担当者の対応が必要です。最優先でサポートにおつなぎします。"
        "パスワードや2FAコードは、当社を含め誰にも教えないでください。",
        "handover_upset": "ご不便をおかけして申し訳ありません。ただいま担当者におつなぎします。",
        "cancelled": "承知しました。中止しました。ほかにお手伝いできることはありますか？",
        "backoffice_down": "現在システムが応答していないため、担当者が対応いたします。",
    },
    "ko": {
        "greeting": "안녕하세요! 계정, 입금, 출금, 보안에 대해 물어보세요. 상담원과 대화하려면 "
        "언제든지 “상담원”이라고 입력하세요.",
        "answer_intro": "고객센터 안내는 다음과 같습니다:",
        "answer_other_language": "{language} 문서를 찾았습니다:",
        "read_more": "전체 문서: {title}",
        "helped": "질문에 대한 답이 되었나요?",
        "yes": "예",
        "no": "아니요",
        "glad": "도움이 되어 기쁩니다! 언제든지 다시 문의하세요.",
        "try_again": "죄송합니다. 문제를 다른 말로 설명해 주시겠어요?",
        "handover": "지원팀 상담원에게 연결해 드리겠습니다. 여기에 작성하신 내용을 모두 볼 수 "
        "있습니다.",
        "handover_unsure": "정확한 답변인지 확신할 수 없어 지원팀 상담원에게 연결해 드리겠습니다.",
        "handover_money": "즉시 상담원의 확인이 필요합니다. 최우선으로 지원팀에 연결해 드립니다. "
        "비밀번호나 2FA 코드는 저희를 포함해 누구에게도 알려 주지 마세요.",
        "handover_upset": "불편을 드려 죄송합니다. 지금 상담원에게 연결해 드리겠습니다.",
        "cancelled": "알겠습니다. 중단했습니다. 더 도와드릴 일이 있나요?",
        "backoffice_down": "현재 시스템이 응답하지 않아 상담원이 도와드리겠습니다.",
    },
    "th": {
        "greeting": "สวัสดีค่ะ! สอบถามเรื่องบัญชี การฝาก การถอน หรือความปลอดภัยได้เลย "
        "พิมพ์ “เจ้าหน้าที่” ได้ทุกเมื่อเพื่อคุยกับเจ้าหน้าที่",
        "answer_intro": "ศูนย์ช่วยเหลือของเราแนะนำไว้ดังนี้:",
        "answer_other_language": "พบบทความนี้เป็นภาษา{language}:",
        "read_more": "อ่านบทความฉบับเต็ม: {title}",
        "helped": "คำตอบนี้ตอบคำถามของคุณหรือไม่",
        "yes": "ใช่",
        "no": "ไม่ใช่",
        "glad": "ยินดีที่ได้ช่วยค่ะ! ติดต่อมาได้ทุกเมื่อ",
        "try_again": "ขออภัยค่ะ ช่วยอธิบายปัญหาด้วยคำอื่นได้ไหมคะ",
        "handover": "กำลังโอนคุณไปยังเจ้าหน้าที่ฝ่ายบริการลูกค้า เจ้าหน้าที่จะเห็นทุกอย่างที่คุณเขียนไว้ที่นี่",
        "handover_unsure": "ไม่แน่ใจว่าคำตอบถูกต้อง จึงกำลังโอนคุณไปยังเจ้าหน้าที่ฝ่ายบริการลูกค้า",
        "handover_money": "เรื่องนี้ต้องให้เจ้าหน้าที่ดูแลทันที กำลังโอนคุณไปยังฝ่ายบริการลูกค้าเป็นลำดับแรก "
        "ห้ามบอกรหัสผ่านหรือรหัส 2FA กับใคร แม้แต่เรา",
        "handover_upset": "ขออภัยในความไม่สะดวก กำลังโอนคุณไปยังเจ้าหน้าที่เดี๋ยวนี้",
        "cancelled": "ได้ค่ะ หยุดแล้ว มีอะไรให้ช่วยอีกไหมคะ",
        "backoffice_down": "ระบบของเราไม่ตอบสนองในขณะนี้ เจ้าหน้าที่จะช่วยดูแลคุณค่ะ",
    },
    "uk": {
        "greeting": "Вітаю! Запитайте мене про акаунт, поповнення, виведення чи безпеку. "
        "Напишіть «оператор» будь-коли, щоб поговорити з людиною.",
        "answer_intro": "Ось що сказано в довідковому центрі:",
        "answer_other_language": "Я знайшов це мовою «{language}»:",
        "read_more": "Повна стаття: {title}",
        "helped": "Це відповідь на ваше запитання?",
        "yes": "Так",
        "no": "Ні",
        "glad": "Радий, що зміг допомогти! Пишіть будь-коли.",
        "try_again": "Вибачте. Можете описати проблему іншими словами?",
        "handover": "Передаю вас співробітнику підтримки. Він побачить усе, що ви тут написали.",
        "handover_unsure": "Я не впевнений, що відповім правильно, тому передаю вас "
        "співробітнику підтримки.",
        "handover_money": "Тут потрібна людина негайно: передаю вас у підтримку першочергово. "
        "Ніколи нікому не повідомляйте пароль і коди 2FA, навіть нам.",
        "handover_upset": "Вибачте за незручності. Передаю вас співробітнику підтримки.",
        "cancelled": "Добре, зупинив. Чим ще можу допомогти?",
        "backoffice_down": "Наші системи зараз не відповідають, тож вам допоможе співробітник "
        "підтримки.",
    },
    "it": {
        "greeting": "Ciao! Chiedimi del tuo account, di depositi, prelievi o sicurezza. Scrivi "
        "«operatore» in qualsiasi momento per parlare con una persona.",
        "answer_intro": "Ecco cosa dice il nostro centro assistenza:",
        "answer_other_language": "Ho trovato questo in {language}:",
        "read_more": "Articolo completo: {title}",
        "helped": "Questo risponde alla tua domanda?",
        "yes": "Sì",
        "no": "No",
        "glad": "Felice di esserti stato utile! Scrivici quando vuoi.",
        "try_again": "Mi dispiace. Puoi descrivere il problema con altre parole?",
        "handover": "Ti passo a una persona del nostro team di assistenza. Vedrà tutto ciò che "
        "hai scritto qui.",
        "handover_unsure": "Non sono sicuro di avere la risposta giusta, quindi ti passo a una "
        "persona del nostro team di assistenza.",
        "handover_money": "Serve subito una persona: ti passo all’assistenza con la massima "
        "priorità. Non condividere mai password o codici 2FA con nessuno, nemmeno con noi.",
        "handover_upset": "Ci dispiace per il disagio. Ti passo subito all’assistenza.",
        "cancelled": "D’accordo, mi sono fermato. In cos’altro posso aiutarti?",
        "backoffice_down": "I nostri sistemi non rispondono in questo momento, quindi ti aiuterà "
        "una persona dell’assistenza.",
    },
}

# What a customer writes to reach a person, to stop a flow, to greet, or to answer yes or no.
# Lower-case; a message matches when, with punctuation stripped, it is one of these or (for
# the longer phrases) contains one.
HUMAN_PHRASES = (
    "agent", "human", "person", "operator", "real person", "live agent", "customer service",
    "talk to someone", "speak to someone", "representative", "support team",
    "nhân viên", "người thật", "tư vấn viên", "gặp nhân viên", "agen", "petugas", "manusia",
    "cs", "人工", "客服", "转人工", "真人", "轉真人", "人工客服", "оператор", "человек",
    "живой", "сотрудник", "agente", "persona", "humano", "atendente", "pessoa", "humain",
    "conseiller", "mitarbeiter", "mensch", "menschen", "temsilci", "müşteri temsilcisi",
    "insan", "موظف", "شخص", "انسان", "إنسان", "オペレーター", "担当者", "人間", "상담원",
    "상담사", "사람", "เจ้าหน้าที่", "คน", "คุยกับคน", "людина", "співробітник", "operatore",
    "persona reale",
    # As people write it in chat: without Vietnamese diacritics, inflected (Russian,
    # Ukrainian, Turkish), with the Arabic article, or as a support desk's name.
    "customer support", "nhan vien", "gap nhan vien", "nguoi that", "tu van vien",
    "оператора", "оператором", "человеком", "живым человеком", "сотрудником", "сотрудника",
    "людиною", "живою людиною", "співробітником", "atención al cliente", "service client",
    "kundendienst", "kundenservice", "temsilciye", "canlı destek", "insanla", "الموظف",
    "خدمة العملاء", "شخص حقيقي", "人と話", "有人対応", "พนักงาน", "assistenza clienti",
)  # fmt: skip
CANCEL_WORDS = (
    "cancel", "stop", "quit", "exit", "hủy", "huỷ", "dừng", "batal", "berhenti", "取消",
    "停止", "отмена", "отменить", "стоп", "cancelar", "parar", "annuler", "arrêter",
    "abbrechen", "stopp", "iptal", "dur", "إلغاء", "توقف", "キャンセル", "やめる", "中止",
    "취소", "중지", "ยกเลิก", "หยุด", "скасувати", "annulla", "basta",
)  # fmt: skip
GREETINGS = (
    "hi", "hello", "hey", "good morning", "good evening", "xin chào", "chào", "chào bạn",
    "halo", "hai", "selamat pagi", "你好", "您好", "哈喽", "嗨", "здравствуйте", "привет",
    "hola", "buenas", "olá", "ola", "oi", "bonjour", "salut", "hallo", "guten tag", "merhaba",
    "selam", "مرحبا", "السلام عليكم", "こんにちは", "こんばんは", "안녕하세요", "안녕",
    "สวัสดี", "สวัสดีครับ", "สวัสดีค่ะ", "вітаю", "привіт", "ciao", "buongiorno",
)  # fmt: skip
YES_WORDS = (
    "yes", "y", "yeah", "yep", "ok", "thanks", "thank you", "có", "vâng", "được", "cảm ơn",
    "ya", "iya", "terima kasih", "是", "是的", "好的", "谢谢", "謝謝", "да", "спасибо", "sí",
    "si", "gracias", "sim", "obrigado", "obrigada", "oui", "merci", "ja", "danke", "evet",
    "teşekkürler", "نعم", "شكرا", "はい", "ありがとう", "예", "네", "감사합니다", "ใช่",
    "ขอบคุณ", "так", "дякую", "grazie",
)  # fmt: skip
NO_WORDS = (
    "no", "n", "nope", "not really", "không", "chưa", "tidak", "bukan", "belum", "否", "不",
    "不是", "没有", "沒有", "нет", "não", "nao", "non", "nein", "hayır", "لا", "いいえ",
    "아니요", "아니", "ไม่", "ไม่ใช่", "ні",
)  # fmt: skip
