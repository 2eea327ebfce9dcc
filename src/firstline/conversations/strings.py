# ruff: noqa: E501  (a table of sentences in seventeen languages reads better one a line)
"""What the conversation tells a chat customer about its own lifecycle, in every supported
language: that an agent or the bot resolved it (and that writing again reopens it), and that
their new message reopened it. Posted as system lines by conversations/actions.py."""

from __future__ import annotations

KEYS: tuple[str, ...] = ("resolved", "reopened")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "resolved": "We marked this conversation as resolved. If you need anything else, just write here and it will reopen.",
        "reopened": "Welcome back! Your conversation is open again; our team will reply here.",
    },
    "zh-CN": {
        "resolved": "本次对话已标记为已解决。如还需要帮助，直接在这里回复即可重新打开对话。",
        "reopened": "欢迎回来！您的对话已重新打开，我们的客服会在这里回复您。",
    },
    "zh-TW": {
        "resolved": "這次對話已標記為已解決。如需其他協助，直接在這裡回覆即可重新開啟對話。",
        "reopened": "歡迎回來！您的對話已重新開啟，我們的客服人員會在這裡回覆您。",
    },
    "vi": {
        "resolved": "Cuộc trò chuyện này đã được đánh dấu là đã giải quyết. Nếu bạn cần thêm hỗ trợ, chỉ cần nhắn vào đây, cuộc trò chuyện sẽ được mở lại.",
        "reopened": "Chào mừng bạn quay lại! Cuộc trò chuyện đã được mở lại; đội hỗ trợ sẽ trả lời bạn tại đây.",
    },
    "id": {
        "resolved": "Percakapan ini sudah ditandai selesai. Jika Anda butuh bantuan lain, cukup tulis di sini dan percakapan akan dibuka kembali.",
        "reopened": "Selamat datang kembali! Percakapan Anda dibuka lagi; tim kami akan membalas di sini.",
    },
    "ru": {
        "resolved": "Мы отметили этот разговор как решённый. Если вам нужно что-то ещё, просто напишите сюда — разговор откроется снова.",
        "reopened": "С возвращением! Ваш разговор снова открыт, наша команда ответит здесь.",
    },
    "es": {
        "resolved": "Marcamos esta conversación como resuelta. Si necesitas algo más, escribe aquí y se volverá a abrir.",
        "reopened": "¡Hola de nuevo! Tu conversación está abierta otra vez; nuestro equipo te responderá aquí.",
    },
    "pt": {
        "resolved": "Marcamos esta conversa como resolvida. Se precisar de mais alguma coisa, é só escrever aqui que ela será reaberta.",
        "reopened": "Que bom ter você de volta! Sua conversa foi reaberta; nossa equipe vai responder aqui.",
    },
    "fr": {
        "resolved": "Nous avons marqué cette conversation comme résolue. Si vous avez besoin d’autre chose, écrivez simplement ici et elle sera rouverte.",
        "reopened": "Bon retour ! Votre conversation est de nouveau ouverte ; notre équipe vous répondra ici.",
    },
    "de": {
        "resolved": "Wir haben dieses Gespräch als gelöst markiert. Wenn Sie noch etwas brauchen, schreiben Sie einfach hier, dann wird es wieder geöffnet.",
        "reopened": "Willkommen zurück! Ihr Gespräch ist wieder geöffnet; unser Team antwortet Ihnen hier.",
    },
    "tr": {
        "resolved": "Bu görüşmeyi çözüldü olarak işaretledik. Başka bir konuda yardıma ihtiyacınız olursa buraya yazmanız yeterli; görüşme yeniden açılır.",
        "reopened": "Tekrar hoş geldiniz! Görüşmeniz yeniden açıldı; ekibimiz size buradan yanıt verecek.",
    },
    "ar": {
        "resolved": "تم تعليم هذه المحادثة على أنها محلولة. إذا احتجت إلى أي شيء آخر، فاكتب هنا وستُعاد فتحها.",
        "reopened": "مرحبًا بعودتك! أُعيد فتح محادثتك وسيرد عليك فريقنا هنا.",
    },
    "ja": {
        "resolved": "このお問い合わせは解決済みになりました。ほかにご用件があれば、ここに書き込むと再開されます。",
        "reopened": "おかえりなさい。お問い合わせを再開しました。担当者がここで返信します。",
    },
    "ko": {
        "resolved": "이 대화는 해결됨으로 표시되었습니다. 더 필요한 것이 있으면 여기에 메시지를 보내 주세요. 대화가 다시 열립니다.",
        "reopened": "다시 오신 것을 환영합니다! 대화가 다시 열렸으며 상담팀이 여기에서 답변드리겠습니다.",
    },
    "th": {
        "resolved": "เราได้ทำเครื่องหมายว่าการสนทนานี้ได้รับการแก้ไขแล้ว หากต้องการความช่วยเหลือเพิ่มเติม เพียงพิมพ์ที่นี่ การสนทนาจะเปิดขึ้นอีกครั้ง",
        "reopened": "ยินดีต้อนรับกลับมา! การสนทนาของคุณเปิดอีกครั้งแล้ว ทีมงานของเราจะตอบกลับที่นี่",
    },
    "uk": {
        "resolved": "Ми позначили цю розмову як вирішену. Якщо вам потрібно щось іще, просто напишіть сюди — і розмова відкриється знову.",
        "reopened": "З поверненням! Вашу розмову знову відкрито, наша команда відповість тут.",
    },
    "it": {
        "resolved": "Abbiamo segnato questa conversazione come risolta. Se ti serve altro, scrivi qui e verrà riaperta.",
        "reopened": "Bentornato! La tua conversazione è di nuovo aperta; il nostro team ti risponderà qui.",
    },
}
