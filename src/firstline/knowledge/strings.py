"""The help center's own words, in every supported language, and each language's own name.

Placeholders: {q} the search, {language} and {other} language names (in the page's language's
script as the language calls itself, see NATIVE_NAMES), {date} an ISO date.
"""

from __future__ import annotations

NATIVE_NAMES: dict[str, str] = {
    "en": "English", "zh-CN": "简体中文", "zh-TW": "繁體中文", "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia", "ru": "Русский", "es": "Español", "pt": "Português",
    "fr": "Français", "de": "Deutsch", "tr": "Türkçe", "ar": "العربية", "ja": "日本語",
    "ko": "한국어", "th": "ไทย", "uk": "Українська", "it": "Italiano",
}  # fmt: skip

KEYS = (
    "title", "search_placeholder", "search", "results_for", "no_results", "fallback",
    "not_translated", "topics", "other_languages", "chat", "back", "updated", "not_found",
    "general", "more", "home_fallback", "shown_in", "empty_search",
    "language",
)  # fmt: skip

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Help center",
        "search_placeholder": "Search the help center",
        "search": "Search",
        "results_for": "Results for “{q}”",
        "no_results": "No article matches. Try other words, or chat with us.",
        "fallback": "Nothing in {language} matches; these articles are in other languages.",
        "not_translated": "This article is not available in {language} yet; here it is in {other}.",
        "topics": "Topics",
        "other_languages": "Also available in",
        "chat": "Chat with us",
        "back": "Help center home",
        "updated": "Updated {date}",
        "not_found": "This article does not exist or is no longer published.",
        "general": "General",
        "more": "More",
        "language": "Language",
        "home_fallback": (
            "Some articles are not in {language} yet; they are listed in another language, named "
            "next to the title."
        ),
        "shown_in": "In {other}",
        "empty_search": (
            "Type a few words about your question, such as “withdrawal fee” or “deposit not "
            "arrived”, or browse the topics below."
        ),
    },
    "zh-CN": {
        "title": "帮助中心",
        "search_placeholder": "搜索帮助中心",
        "search": "搜索",
        "results_for": "“{q}”的搜索结果",
        "no_results": "没有找到相关文章。请换个说法，或与我们在线沟通。",
        "fallback": "没有{language}的相关文章；以下是其他语言的文章。",
        "not_translated": "本文暂无{language}版本；以下为{other}版本。",
        "topics": "主题",
        "other_languages": "其他语言版本",
        "chat": "在线咨询",
        "back": "返回帮助中心",
        "updated": "更新于 {date}",
        "not_found": "该文章不存在或已下线。",
        "general": "常见问题",
        "more": "更多",
        "language": "语言",
        "home_fallback": "部分文章暂无{language}版本，以其他语言列出，并在标题旁注明语言。",
        "shown_in": "{other}版本",
        "empty_search": (
            "请输入几个与您问题相关的词，例如“提现手续费”或“充值未到账”，或浏览下面的主题。"
        ),
    },
    "zh-TW": {
        "title": "幫助中心",
        "search_placeholder": "搜尋幫助中心",
        "search": "搜尋",
        "results_for": "「{q}」的搜尋結果",
        "no_results": "找不到相關文章。請換個說法，或與我們線上聯繫。",
        "fallback": "沒有{language}的相關文章；以下是其他語言的文章。",
        "not_translated": "本文尚無{language}版本；以下為{other}版本。",
        "topics": "主題",
        "other_languages": "其他語言版本",
        "chat": "線上客服",
        "back": "返回幫助中心",
        "updated": "更新於 {date}",
        "not_found": "此文章不存在或已下架。",
        "general": "常見問題",
        "more": "更多",
        "language": "語言",
        "home_fallback": "部分文章尚無{language}版本，以其他語言列出，並在標題旁註明語言。",
        "shown_in": "{other}版本",
        "empty_search": (
            "請輸入幾個與您問題相關的字詞，例如「提領手續費」或「入金未到帳」，或瀏覽下方的主題。"
        ),
    },
    "vi": {
        "title": "Trung tâm hỗ trợ",
        "search_placeholder": "Tìm trong trung tâm hỗ trợ",
        "search": "Tìm kiếm",
        "results_for": "Kết quả cho “{q}”",
        "no_results": "Không có bài viết phù hợp. Hãy thử từ khác hoặc trò chuyện với chúng tôi.",
        "fallback": "Không có bài viết {language} phù hợp; các bài dưới đây bằng ngôn ngữ khác.",
        "not_translated": "Bài viết chưa có bản {language}; đây là bản {other}.",
        "topics": "Chủ đề",
        "other_languages": "Các ngôn ngữ khác",
        "chat": "Trò chuyện với chúng tôi",
        "back": "Về trang trung tâm hỗ trợ",
        "updated": "Cập nhật {date}",
        "not_found": "Bài viết không tồn tại hoặc đã ngừng đăng.",
        "general": "Chung",
        "more": "Xem thêm",
        "language": "Ngôn ngữ",
        "home_fallback": (
            "Một số bài viết chưa có bản {language}; các bài này được liệt kê bằng ngôn ngữ khác, "
            "ghi rõ bên cạnh tiêu đề."
        ),
        "shown_in": "Bản {other}",
        "empty_search": (
            "Hãy nhập vài từ về câu hỏi của bạn, ví dụ “phí rút tiền” hoặc “nạp tiền chưa về”, "
            "hoặc xem các chủ đề bên dưới."
        ),
    },
    "id": {
        "title": "Pusat bantuan",
        "search_placeholder": "Cari di pusat bantuan",
        "search": "Cari",
        "results_for": "Hasil untuk “{q}”",
        "no_results": "Tidak ada artikel yang cocok. Coba kata lain, atau chat dengan kami.",
        "fallback": "Tidak ada yang cocok dalam {language}; artikel ini dalam bahasa lain.",
        "not_translated": "Artikel ini belum tersedia dalam {language}; berikut versi {other}.",
        "topics": "Topik",
        "other_languages": "Tersedia juga dalam",
        "chat": "Chat dengan kami",
        "back": "Beranda pusat bantuan",
        "updated": "Diperbarui {date}",
        "not_found": "Artikel ini tidak ada atau tidak lagi diterbitkan.",
        "general": "Umum",
        "more": "Lainnya",
        "language": "Bahasa",
        "home_fallback": (
            "Beberapa artikel belum tersedia dalam {language}; artikel itu ditampilkan dalam "
            "bahasa lain, yang disebut di samping judulnya."
        ),
        "shown_in": "Dalam {other}",
        "empty_search": (
            "Ketik beberapa kata tentang pertanyaan Anda, misalnya “biaya penarikan” atau “deposit "
            "belum masuk”, atau lihat topik di bawah."
        ),
    },
    "ru": {
        "title": "Справочный центр",
        "search_placeholder": "Поиск в справочном центре",
        "search": "Найти",
        "results_for": "Результаты по запросу «{q}»",
        "no_results": "Подходящих статей нет. Попробуйте другие слова или напишите нам в чат.",
        "fallback": "На языке «{language}» ничего не найдено; эти статьи на других языках.",
        "not_translated": "Этой статьи пока нет на языке «{language}»; вот версия «{other}».",
        "topics": "Темы",
        "other_languages": "Также на языках",
        "chat": "Написать в чат",
        "back": "На главную справочного центра",
        "updated": "Обновлено {date}",
        "not_found": "Такой статьи нет или она снята с публикации.",
        "general": "Общее",
        "more": "Ещё",
        "language": "Язык",
        "home_fallback": (
            "Некоторых статей пока нет на языке «{language}»; они показаны на другом языке, он "
            "указан рядом с заголовком."
        ),
        "shown_in": "На языке «{other}»",
        "empty_search": (
            "Введите несколько слов о вашем вопросе, например «комиссия за вывод» или «депозит не "
            "зачислен», или выберите тему ниже."
        ),
    },
    "es": {
        "title": "Centro de ayuda",
        "search_placeholder": "Buscar en el centro de ayuda",
        "search": "Buscar",
        "results_for": "Resultados para «{q}»",
        "no_results": "Ningún artículo coincide. Prueba con otras palabras o chatea con nosotros.",
        "fallback": "Nada coincide en {language}; estos artículos están en otros idiomas.",
        "not_translated": "Este artículo aún no está en {language}; aquí está en {other}.",
        "topics": "Temas",
        "other_languages": "También disponible en",
        "chat": "Chatea con nosotros",
        "back": "Inicio del centro de ayuda",
        "updated": "Actualizado el {date}",
        "not_found": "Este artículo no existe o ya no está publicado.",
        "general": "General",
        "more": "Más",
        "language": "Idioma",
        "home_fallback": (
            "Algunos artículos aún no están en {language}; se muestran en otro idioma, indicado "
            "junto al título."
        ),
        "shown_in": "En {other}",
        "empty_search": (
            "Escribe unas palabras sobre tu pregunta, por ejemplo «comisión de retiro» o «depósito "
            "no acreditado», o explora los temas de abajo."
        ),
    },
    "pt": {
        "title": "Central de ajuda",
        "search_placeholder": "Pesquisar na central de ajuda",
        "search": "Pesquisar",
        "results_for": "Resultados para “{q}”",
        "no_results": "Nenhum artigo corresponde. Tente outras palavras ou fale conosco no chat.",
        "fallback": "Nada corresponde em {language}; estes artigos estão em outros idiomas.",
        "not_translated": "Este artigo ainda não está em {language}; aqui está em {other}.",
        "topics": "Tópicos",
        "other_languages": "Também disponível em",
        "chat": "Fale conosco",
        "back": "Início da central de ajuda",
        "updated": "Atualizado em {date}",
        "not_found": "Este artigo não existe ou não está mais publicado.",
        "general": "Geral",
        "more": "Mais",
        "language": "Idioma",
        "home_fallback": (
            "Alguns artigos ainda não estão em {language}; eles aparecem em outro idioma, indicado "
            "ao lado do título."
        ),
        "shown_in": "Em {other}",
        "empty_search": (
            "Digite algumas palavras sobre sua dúvida, por exemplo “taxa de saque” ou “depósito "
            "não creditado”, ou veja os tópicos abaixo."
        ),
    },
    "fr": {
        "title": "Centre d’aide",
        "search_placeholder": "Rechercher dans le centre d’aide",
        "search": "Rechercher",
        "results_for": "Résultats pour « {q} »",
        "no_results": "Aucun article ne correspond. Essayez d’autres mots ou écrivez-nous.",
        "fallback": "Rien ne correspond en {language} ; ces articles sont dans d’autres langues.",
        "not_translated": "Cet article n’existe pas encore en {language} ; le voici en {other}.",
        "topics": "Rubriques",
        "other_languages": "Également disponible en",
        "chat": "Discuter avec nous",
        "back": "Accueil du centre d’aide",
        "updated": "Mis à jour le {date}",
        "not_found": "Cet article n’existe pas ou n’est plus publié.",
        "general": "Général",
        "more": "Plus",
        "language": "Langue",
        "home_fallback": (
            "Certains articles n’existent pas encore en {language} ; ils sont proposés dans une "
            "autre langue, indiquée à côté du titre."
        ),
        "shown_in": "En {other}",
        "empty_search": (
            "Tapez quelques mots sur votre question, par exemple « frais de retrait » ou « dépôt "
            "non crédité », ou parcourez les rubriques ci-dessous."
        ),
    },
    "de": {
        "title": "Hilfe-Center",
        "search_placeholder": "Im Hilfe-Center suchen",
        "search": "Suchen",
        "results_for": "Ergebnisse für „{q}“",
        "no_results": "Kein Artikel passt. Versuchen Sie andere Wörter oder chatten Sie mit uns.",
        "fallback": "Auf {language} passt nichts; diese Artikel sind in anderen Sprachen.",
        "not_translated": "Diesen Artikel gibt es noch nicht auf {language}; hier auf {other}.",
        "topics": "Themen",
        "other_languages": "Auch verfügbar auf",
        "chat": "Chatten Sie mit uns",
        "back": "Startseite des Hilfe-Centers",
        "updated": "Aktualisiert am {date}",
        "not_found": "Diesen Artikel gibt es nicht oder er ist nicht mehr veröffentlicht.",
        "general": "Allgemein",
        "more": "Mehr",
        "language": "Sprache",
        "home_fallback": (
            "Einige Artikel gibt es noch nicht auf {language}; sie erscheinen in einer anderen "
            "Sprache, die neben dem Titel steht."
        ),
        "shown_in": "Auf {other}",
        "empty_search": (
            "Geben Sie ein paar Wörter zu Ihrer Frage ein, etwa „Auszahlungsgebühr“ oder "
            "„Einzahlung nicht gutgeschrieben“, oder wählen Sie unten ein Thema."
        ),
    },
    "tr": {
        "title": "Yardım merkezi",
        "search_placeholder": "Yardım merkezinde ara",
        "search": "Ara",
        "results_for": "“{q}” için sonuçlar",
        "no_results": "Eşleşen makale yok. Başka kelimeler deneyin veya bizimle sohbet edin.",
        "fallback": "{language} dilinde eşleşen yok; bu makaleler başka dillerde.",
        "not_translated": "Bu makale henüz {language} dilinde yok; işte {other} sürümü.",
        "topics": "Konular",
        "other_languages": "Diğer diller",
        "chat": "Bizimle sohbet edin",
        "back": "Yardım merkezi ana sayfası",
        "updated": "Güncellendi: {date}",
        "not_found": "Bu makale yok veya artık yayında değil.",
        "general": "Genel",
        "more": "Daha fazla",
        "language": "Dil",
        "home_fallback": (
            "Bazı makaleler henüz {language} dilinde yok; başka bir dilde listeleniyor ve dil, "
            "başlığın yanında belirtiliyor."
        ),
        "shown_in": "{other} dilinde",
        "empty_search": (
            "Sorunuzla ilgili birkaç kelime yazın, örneğin “çekim ücreti” veya “yatırım hesaba "
            "geçmedi”, ya da aşağıdaki konulara göz atın."
        ),
    },
    "ar": {
        "title": "مركز المساعدة",
        "search_placeholder": "ابحث في مركز المساعدة",
        "search": "بحث",
        "results_for": "نتائج البحث عن «{q}»",
        "no_results": "لا توجد مقالات مطابقة. جرّب كلمات أخرى أو تحدّث معنا.",
        "fallback": "لا يوجد ما يطابق باللغة {language}؛ هذه المقالات بلغات أخرى.",
        "not_translated": (
            "هذه المقالة غير متوفرة باللغة {language} بعد؛ إليك نسختها باللغة {other}."
        ),
        "topics": "المواضيع",
        "other_languages": "متوفرة أيضًا باللغات",
        "chat": "تحدّث معنا",
        "back": "الصفحة الرئيسية لمركز المساعدة",
        "updated": "تم التحديث في {date}",
        "not_found": "هذه المقالة غير موجودة أو لم تعد منشورة.",
        "general": "عام",
        "more": "المزيد",
        "language": "اللغة",
        "home_fallback": (
            "بعض المقالات غير متوفرة باللغة {language} بعد؛ وهي معروضة بلغة أخرى مذكورة "
            "بجانب العنوان."
        ),
        "shown_in": "اللغة: {other}",
        "empty_search": (
            "اكتب بضع كلمات عن سؤالك، مثل «رسوم السحب» أو «الإيداع لم يصل»، أو تصفّح المواضيع أدناه."
        ),
    },
    "ja": {
        "title": "ヘルプセンター",
        "search_placeholder": "ヘルプセンターを検索",
        "search": "検索",
        "results_for": "「{q}」の検索結果",
        "no_results": (
            "該当する記事がありません。別の言葉で検索するか、チャットでお問い合わせください。"
        ),
        "fallback": "{language}の記事は見つかりませんでした。他の言語の記事を表示しています。",
        "not_translated": "この記事の{language}版はまだありません。{other}版を表示しています。",
        "topics": "トピック",
        "other_languages": "他の言語",
        "chat": "チャットで問い合わせる",
        "back": "ヘルプセンターのトップ",
        "updated": "{date} 更新",
        "not_found": "この記事は存在しないか、公開が終了しています。",
        "general": "一般",
        "more": "もっと見る",
        "language": "言語",
        "home_fallback": (
            "一部の記事はまだ{language}版がないため、"
            "他の言語で表示しています。言語名はタイト"
            "ルの横に記載しています。"
        ),
        "shown_in": "{other}版",
        "empty_search": (
            "「出金手数料」や「入金が反映されない」の"
            "ように、ご質問に関する言葉を入力するか、"
            "下のトピックからお探しください。"
        ),
    },
    "ko": {
        "title": "고객센터",
        "search_placeholder": "고객센터 검색",
        "search": "검색",
        "results_for": "“{q}” 검색 결과",
        "no_results": "일치하는 문서가 없습니다. 다른 단어로 검색하거나 채팅으로 문의하세요.",
        "fallback": "{language} 문서가 없어 다른 언어의 문서를 보여 드립니다.",
        "not_translated": "이 문서는 아직 {language}로 제공되지 않아 {other} 버전을 보여 드립니다.",
        "topics": "주제",
        "other_languages": "다른 언어",
        "chat": "채팅 상담",
        "back": "고객센터 홈",
        "updated": "{date} 업데이트",
        "not_found": "이 문서는 존재하지 않거나 더 이상 게시되지 않습니다.",
        "general": "일반",
        "more": "더 보기",
        "language": "언어",
        "home_fallback": (
            "일부 문서는 아직 {language}로 제공되지 않"
            "아 다른 언어로 표시하며, 제목 옆에 언어를"
            " 적었습니다."
        ),
        "shown_in": "{other} 문서",
        "empty_search": (
            "질문과 관련된 단어를 몇 개 입력하세요(예"
            ": “출금 수수료”, “입금 미반영”). 또는 아"
            "래 주제를 살펴보세요."
        ),
    },
    "th": {
        "title": "ศูนย์ช่วยเหลือ",
        "search_placeholder": "ค้นหาในศูนย์ช่วยเหลือ",
        "search": "ค้นหา",
        "results_for": "ผลการค้นหา “{q}”",
        "no_results": "ไม่พบบทความที่ตรงกัน ลองใช้คำอื่น หรือแชทกับเรา",
        "fallback": "ไม่พบบทความภาษา{language} บทความต่อไปนี้เป็นภาษาอื่น",
        "not_translated": "บทความนี้ยังไม่มีภาษา{language} นี่คือฉบับภาษา{other}",
        "topics": "หัวข้อ",
        "other_languages": "มีในภาษาอื่นด้วย",
        "chat": "แชทกับเรา",
        "back": "หน้าแรกศูนย์ช่วยเหลือ",
        "updated": "อัปเดตเมื่อ {date}",
        "not_found": "ไม่มีบทความนี้หรือบทความถูกยกเลิกการเผยแพร่แล้ว",
        "general": "ทั่วไป",
        "more": "เพิ่มเติม",
        "language": "ภาษา",
        "home_fallback": ("บางบทความยังไม่มีภาษา{language} จึงแสดงเป็นภาษาอื่น โดยระบุชื่อภาษาไว้ข้างชื่อบทความ"),
        "shown_in": "ภาษา{other}",
        "empty_search": (
            "พิมพ์คำสั้น ๆ เกี่ยวกับคำถามของคุณ เช่น “ค่าธรรมเนียมการถอน” หรือ “เงินฝากยังไม่เข้า” หรือดูหัวข้อด้านล่าง"
        ),
    },
    "uk": {
        "title": "Довідковий центр",
        "search_placeholder": "Пошук у довідковому центрі",
        "search": "Знайти",
        "results_for": "Результати для «{q}»",
        "no_results": "Відповідних статей немає. Спробуйте інші слова або напишіть нам у чат.",
        "fallback": "Мовою «{language}» нічого не знайдено; ці статті іншими мовами.",
        "not_translated": "Цієї статті ще немає мовою «{language}»; ось версія «{other}».",
        "topics": "Теми",
        "other_languages": "Також доступно",
        "chat": "Написати в чат",
        "back": "Головна довідкового центру",
        "updated": "Оновлено {date}",
        "not_found": "Такої статті немає або її знято з публікації.",
        "general": "Загальне",
        "more": "Ще",
        "language": "Мова",
        "home_fallback": (
            "Деяких статей ще немає мовою «{language}»; їх показано іншою мовою, вона вказана "
            "поруч із заголовком."
        ),
        "shown_in": "Мовою «{other}»",
        "empty_search": (
            "Введіть кілька слів про ваше запитання, наприклад «комісія за виведення» або «депозит "
            "не зараховано», або виберіть тему нижче."
        ),
    },
    "it": {
        "title": "Centro assistenza",
        "search_placeholder": "Cerca nel centro assistenza",
        "search": "Cerca",
        "results_for": "Risultati per «{q}»",
        "no_results": "Nessun articolo corrisponde. Prova altre parole o scrivici in chat.",
        "fallback": "Niente corrisponde in {language}; questi articoli sono in altre lingue.",
        "not_translated": "Questo articolo non è ancora in {language}; eccolo in {other}.",
        "topics": "Argomenti",
        "other_languages": "Disponibile anche in",
        "chat": "Scrivici in chat",
        "back": "Home del centro assistenza",
        "updated": "Aggiornato il {date}",
        "not_found": "Questo articolo non esiste o non è più pubblicato.",
        "general": "Generale",
        "more": "Altro",
        "language": "Lingua",
        "home_fallback": (
            "Alcuni articoli non sono ancora in {language}; sono elencati in un’altra lingua, "
            "indicata accanto al titolo."
        ),
        "shown_in": "In {other}",
        "empty_search": (
            "Scrivi qualche parola sulla tua domanda, ad esempio «commissione di prelievo» o "
            "«deposito non accreditato», oppure sfoglia gli argomenti qui sotto."
        ),
    },
}
