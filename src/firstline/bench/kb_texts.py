"""What the synthetic help center of the bot benchmark says (bench/kb.py puts it together):
each kind of article in six languages, with placeholders for the token, network, date and
figures of one subject, and the questions customers ask about it. Made up for the benchmark;
no real company's fees or policies.
"""

from __future__ import annotations

from dataclasses import dataclass

# (category, title, paragraphs, questions) per language. Questions avoid the phrases that
# would start a self-service flow or hand over at once (checked when they are drawn).
Text = tuple[str, str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    name: str
    slots: tuple[str, ...]  # what names one subject: token, network, date...
    asked: int  # how often customers ask about it, relative to the others
    texts: dict[str, Text]


TOPICS: tuple[Topic, ...] = (
    Topic("deposit-time", ("token", "network"), 6, {
        "en": ("Deposits", "How long a {token} deposit on {network} takes", (
            "A {token} deposit on {network} is credited to your Spot wallet after {conf} "
            "network confirmations. Most deposits arrive within {minutes} minutes of the "
            "transfer.",
            "You can follow the confirmations of a {token} transfer in a {network} block "
            "explorer with its transaction hash (TxID). The deposit history page shows the "
            "same count."), (
            "How many confirmations does a {token} deposit on {network} need?",
            "How long does a {token} deposit via {network} take to reach my wallet?")),
        "vi": ("Nạp tiền", "Nạp {token} qua mạng {network} mất bao lâu", (
            "Khoản nạp {token} qua mạng {network} được ghi có vào ví Spot sau {conf} xác nhận "
            "của mạng. Phần lớn khoản nạp về trong vòng {minutes} phút sau khi chuyển.",
            "Bạn có thể theo dõi số xác nhận của giao dịch {token} trên trình khám phá khối "
            "của {network} bằng mã giao dịch (TxID). Trang lịch sử nạp cũng hiển thị số xác "
            "nhận này."), (
            "Nạp {token} qua mạng {network} cần bao nhiêu xác nhận?",
            "Nạp {token} bằng mạng {network} thì bao lâu vào ví?")),
        "id": ("Deposit", "Berapa lama deposit {token} di jaringan {network}", (
            "Deposit {token} di jaringan {network} dikreditkan ke dompet Spot setelah {conf} "
            "konfirmasi jaringan. Sebagian besar deposit tiba dalam {minutes} menit setelah "
            "transfer.",
            "Anda dapat memantau konfirmasi transfer {token} di block explorer {network} "
            "dengan hash transaksi (TxID). Halaman riwayat deposit menampilkan jumlah yang "
            "sama."), (
            "Berapa konfirmasi yang dibutuhkan deposit {token} lewat jaringan {network}?",
            "Berapa lama deposit {token} via {network} sampai ke dompet saya?")),
        "zh-CN": ("充值", "{network} 网络充值 {token} 需要多长时间", (
            "通过 {network} 网络充值的 {token} 在获得 {conf} 个网络确认后记入现货钱包。大多数"
            "充值在转账后 {minutes} 分钟内到账。",
            "您可以在 {network} 区块浏览器中用交易哈希（TxID）查看 {token} 转账的确认数。充值"
            "记录页面也会显示相同的确认数。"), (
            "{token} 通过 {network} 充值需要多少个确认？",
            "用 {network} 网络充值 {token} 多久能到钱包？")),
        "es": ("Depósitos", "Cuánto tarda un depósito de {token} en la red {network}", (
            "Un depósito de {token} en la red {network} se acredita en su billetera Spot "
            "después de {conf} confirmaciones de la red. La mayoría de los depósitos llegan "
            "en {minutes} minutos tras la transferencia.",
            "Puede seguir las confirmaciones de una transferencia de {token} en un explorador "
            "de bloques de {network} con el hash de la transacción (TxID). El historial de "
            "depósitos muestra el mismo número."), (
            "¿Cuántas confirmaciones necesita un depósito de {token} en la red {network}?",
            "¿Cuánto tarda en llegar a mi billetera un depósito de {token} por {network}?")),
        "ru": ("Пополнение", "Сколько идёт пополнение {token} в сети {network}", (
            "Пополнение {token} в сети {network} зачисляется на спотовый кошелёк после {conf} "
            "подтверждений сети. Большинство пополнений приходит в течение {minutes} минут "
            "после перевода.",
            "Подтверждения перевода {token} можно отслеживать в обозревателе блоков {network} "
            "по хешу транзакции (TxID). На странице истории пополнений показано то же число."), (
            "Сколько подтверждений нужно для пополнения {token} в сети {network}?",
            "Как долго идёт пополнение {token} через {network} до кошелька?")),
    }),
    Topic("deposit-minimum", ("token", "network"), 4, {
        "en": ("Deposits", "Minimum deposit and memo for {token} on {network}", (
            "The minimum deposit of {token} on {network} is {min} {token}. Smaller amounts are "
            "not credited and cannot be returned, so send at least the minimum in one "
            "transfer.",
            "When a {network} deposit address has a memo, enter the memo shown on the deposit "
            "page; a deposit without it has to be recovered by hand, which takes {days} "
            "working days."), (
            "What is the minimum {token} deposit on {network}?",
            "Do I need a memo to deposit {token} on {network}?")),
        "vi": ("Nạp tiền", "Số lượng nạp tối thiểu và memo cho {token} trên {network}", (
            "Số lượng nạp tối thiểu của {token} trên mạng {network} là {min} {token}. Khoản "
            "nạp nhỏ hơn sẽ không được ghi có và không thể hoàn lại, vì vậy hãy chuyển ít nhất "
            "mức tối thiểu trong một lần.",
            "Khi địa chỉ nạp trên {network} có memo, hãy điền đúng memo hiển thị trên trang "
            "nạp; khoản nạp thiếu memo phải được xử lý thủ công và mất {days} ngày làm việc."), (
            "Nạp {token} trên mạng {network} tối thiểu bao nhiêu?",
            "Nạp {token} qua {network} có cần điền memo?")),
        "id": ("Deposit", "Minimum deposit dan memo untuk {token} di {network}", (
            "Minimum deposit {token} di jaringan {network} adalah {min} {token}. Jumlah yang "
            "lebih kecil tidak akan dikreditkan dan tidak dapat dikembalikan, jadi kirim "
            "setidaknya jumlah minimum dalam satu transfer.",
            "Jika alamat deposit {network} memiliki memo, isi memo yang tertera di halaman "
            "deposit; deposit tanpa memo harus dipulihkan secara manual dan memakan waktu "
            "{days} hari kerja."), (
            "Berapa minimum deposit {token} di jaringan {network}?",
            "Apakah deposit {token} lewat {network} perlu memo?")),
        "zh-CN": ("充值", "{network} 上 {token} 的最低充值金额和备注", (
            "{network} 网络上 {token} 的最低充值金额为 {min} {token}。低于该金额的充值不会入账，"
            "也无法退回，请一次至少转入最低金额。",
            "如果 {network} 充值地址带有备注（Memo），请填写充值页面显示的备注；缺少备注的充值"
            "需要人工找回，需要 {days} 个工作日。"), (
            "{network} 网络充值 {token} 最少要多少？",
            "{token} 走 {network} 充值需要填备注吗？")),
        "es": ("Depósitos", "Depósito mínimo y memo de {token} en {network}", (
            "El depósito mínimo de {token} en la red {network} es de {min} {token}. Las "
            "cantidades menores no se acreditan y no se pueden devolver, así que envíe al "
            "menos el mínimo en una sola transferencia.",
            "Si la dirección de depósito de {network} tiene memo, escriba el memo que aparece "
            "en la página de depósito; un depósito sin memo se recupera a mano y tarda {days} "
            "días hábiles."), (
            "¿Cuál es el depósito mínimo de {token} en la red {network}?",
            "¿Necesito un memo para depositar {token} en {network}?")),
        "ru": ("Пополнение", "Минимальное пополнение и мемо для {token} в сети {network}", (
            "Минимальная сумма пополнения {token} в сети {network} — {min} {token}. Меньшие "
            "суммы не зачисляются и не возвращаются, поэтому отправляйте не меньше минимума "
            "одним переводом.",
            "Если у адреса пополнения в сети {network} есть мемо, укажите мемо со страницы "
            "пополнения; пополнение без мемо восстанавливается вручную за {days} рабочих "
            "дней."), (
            "Какая минимальная сумма пополнения {token} в сети {network}?",
            "Нужно ли мемо для пополнения {token} через {network}?")),
    }),
    Topic("withdrawal-fee", ("token", "network"), 6, {
        "en": ("Withdrawals", "{token} withdrawal fee and minimum on {network}", (
            "Withdrawing {token} on {network} costs a network fee of {fee} {token}; the fee is "
            "shown before you confirm. The minimum withdrawal is {min} {token}.",
            "Fees follow the load of the {network} network and are reviewed every {hours} "
            "hours. If {token} supports another network with a lower fee, you can choose it on "
            "the withdrawal page."), (
            "What is the fee to withdraw {token} on {network}?",
            "What is the minimum withdrawal of {token} via {network}?")),
        "vi": ("Rút tiền", "Phí rút và mức rút tối thiểu {token} trên {network}", (
            "Rút {token} qua mạng {network} mất phí mạng {fee} {token}; phí được hiển thị "
            "trước khi bạn xác nhận. Số lượng rút tối thiểu là {min} {token}.",
            "Phí thay đổi theo mức tải của mạng {network} và được xem xét lại mỗi {hours} giờ. "
            "Nếu {token} hỗ trợ mạng khác có phí thấp hơn, bạn có thể chọn mạng đó trên trang "
            "rút tiền."), (
            "Phí rút {token} qua mạng {network} là bao nhiêu?",
            "Rút {token} trên {network} tối thiểu bao nhiêu?")),
        "id": ("Penarikan", "Biaya dan minimum penarikan {token} di {network}", (
            "Penarikan {token} di jaringan {network} dikenakan biaya jaringan {fee} {token}; "
            "biaya ditampilkan sebelum Anda mengonfirmasi. Minimum penarikan adalah {min} "
            "{token}.",
            "Biaya mengikuti beban jaringan {network} dan ditinjau setiap {hours} jam. Jika "
            "{token} mendukung jaringan lain dengan biaya lebih rendah, Anda dapat memilihnya "
            "di halaman penarikan."), (
            "Berapa biaya penarikan {token} lewat jaringan {network}?",
            "Berapa minimum penarikan {token} di {network}?")),
        "zh-CN": ("提现", "{network} 上 {token} 的提现手续费和最低金额", (
            "通过 {network} 网络提现 {token} 需支付 {fee} {token} 的网络手续费，确认前会显示"
            "手续费。最低提现金额为 {min} {token}。",
            "手续费随 {network} 网络的拥堵情况调整，每 {hours} 小时复核一次。如果 {token} "
            "支持手续费更低的其他网络，可以在提现页面选择。"), (
            "{token} 通过 {network} 提现手续费是多少？",
            "{network} 网络提现 {token} 最低多少？")),
        "es": ("Retiros", "Comisión y mínimo de retiro de {token} en {network}", (
            "Retirar {token} en la red {network} cuesta una comisión de red de {fee} {token}; "
            "la comisión se muestra antes de confirmar. El retiro mínimo es de {min} {token}.",
            "Las comisiones siguen la carga de la red {network} y se revisan cada {hours} "
            "horas. Si {token} admite otra red con una comisión menor, puede elegirla en la "
            "página de retiro."), (
            "¿Cuál es la comisión por retirar {token} en la red {network}?",
            "¿Cuál es el retiro mínimo de {token} por {network}?")),
        "ru": ("Вывод", "Комиссия и минимальный вывод {token} в сети {network}", (
            "Вывод {token} в сети {network} стоит {fee} {token} сетевой комиссии; комиссия "
            "показывается до подтверждения. Минимальная сумма вывода — {min} {token}.",
            "Комиссия зависит от загрузки сети {network} и пересматривается каждые {hours} "
            "часов. Если {token} поддерживает другую сеть с меньшей комиссией, её можно "
            "выбрать на странице вывода."), (
            "Какая комиссия за вывод {token} в сети {network}?",
            "Какой минимальный вывод {token} через {network}?")),
    }),
    Topic("wallet-maintenance", ("network", "date"), 2, {
        "en": ("Announcements", "{network} wallet maintenance on {date}", (
            "Deposits and withdrawals on the {network} network will be suspended from {date} "
            "{time} UTC for about {hours} hours while the network upgrade takes place. "
            "Trading is not affected.",
            "Transfers sent during the maintenance are credited once it ends; you do not need "
            "to do anything. We will post an update when {network} deposits and withdrawals "
            "reopen."), (
            "Will {network} deposits and withdrawals work on {date}?",
            "How long is the {network} maintenance on {date}?")),
        "vi": ("Thông báo", "Bảo trì ví {network} ngày {date}", (
            "Nạp và rút trên mạng {network} sẽ tạm ngừng từ {time} UTC ngày {date} trong "
            "khoảng {hours} giờ để nâng cấp mạng. Giao dịch không bị ảnh hưởng.",
            "Các khoản chuyển gửi trong thời gian bảo trì sẽ được ghi có sau khi kết thúc; "
            "bạn không cần làm gì. Chúng tôi sẽ thông báo khi nạp và rút {network} mở lại."), (
            "Ngày {date} có nạp rút được trên mạng {network} hay tạm ngừng?",
            "Bảo trì {network} ngày {date} kéo dài bao lâu?")),
        "id": ("Pengumuman", "Pemeliharaan dompet {network} pada {date}", (
            "Deposit dan penarikan di jaringan {network} akan dihentikan sementara mulai "
            "{date} pukul {time} UTC selama sekitar {hours} jam untuk peningkatan jaringan. "
            "Perdagangan tidak terpengaruh.",
            "Transfer yang dikirim selama pemeliharaan akan dikreditkan setelah selesai; Anda "
            "tidak perlu melakukan apa pun. Kami akan mengumumkan saat deposit dan penarikan "
            "{network} dibuka kembali."), (
            "Apakah deposit dan penarikan {network} bisa dilakukan pada {date}?",
            "Berapa lama pemeliharaan {network} pada {date}?")),
        "zh-CN": ("公告", "{date} {network} 钱包维护", (
            "{network} 网络的充值和提现将于 {date} {time}（UTC）起暂停约 {hours} 小时，以进行"
            "网络升级。交易不受影响。",
            "维护期间发送的转账将在维护结束后入账，您无需任何操作。{network} 充值和提现恢复时"
            "我们会另行通知。"), (
            "{date} {network} 网络能正常充值提现吗？",
            "{date} 的 {network} 钱包维护要多久？")),
        "es": ("Anuncios", "Mantenimiento de la billetera {network} el {date}", (
            "Los depósitos y retiros en la red {network} se suspenderán desde el {date} a las "
            "{time} UTC durante unas {hours} horas por la actualización de la red. El trading "
            "sigue funcionando.",
            "Las transferencias enviadas durante el mantenimiento se acreditan cuando termina; "
            "no tiene que hacer nada. Avisaremos cuando se reabran los depósitos y retiros de "
            "{network}."), (
            "¿Funcionan los depósitos y retiros de {network} el {date}?",
            "¿Cuánto dura el mantenimiento de {network} del {date}?")),
        "ru": ("Объявления", "Техническое обслуживание кошелька {network} {date}", (
            "Пополнения и выводы в сети {network} будут приостановлены с {time} UTC {date} "
            "примерно на {hours} часов на время обновления сети. Торговля продолжается.",
            "Переводы, отправленные во время работ, будут зачислены после их окончания; ничего "
            "делать не нужно. Мы сообщим, когда пополнения и выводы {network} снова откроются."), (
            "Будут ли работать пополнения и выводы {network} {date}?",
            "Сколько продлится обслуживание кошелька {network} {date}?")),
    }),
    Topic("staking", ("token",), 2, {
        "en": ("Earn", "Staking {token}: rate, lock period and minimum", (
            "Flexible staking of {token} pays an estimated {apr}% a year, credited daily. "
            "Locked staking for {days} days pays more and returns the {token} to your Spot "
            "wallet when the period ends.",
            "The minimum to stake is {min} {token}. Redeeming flexible {token} takes up to "
            "{hours} hours; locked {token} cannot be redeemed early."), (
            "What is the staking rate for {token}?",
            "How long is the lock period when staking {token}?")),
        "vi": ("Earn", "Staking {token}: lãi suất, thời gian khóa và mức tối thiểu", (
            "Staking linh hoạt {token} trả lãi ước tính {apr}% mỗi năm, ghi có hằng ngày. "
            "Staking khóa {days} ngày có lãi cao hơn và trả {token} về ví Spot khi hết kỳ hạn.",
            "Số lượng staking tối thiểu là {min} {token}. Rút {token} linh hoạt mất tối đa "
            "{hours} giờ; {token} đang khóa không thể rút trước hạn."), (
            "Lãi suất staking {token} là bao nhiêu?",
            "Staking {token} bị khóa trong bao lâu?")),
        "id": ("Earn", "Staking {token}: imbal hasil, masa kunci, dan minimum", (
            "Staking fleksibel {token} memberikan perkiraan {apr}% per tahun, dikreditkan "
            "setiap hari. Staking terkunci selama {days} hari memberi lebih banyak dan "
            "mengembalikan {token} ke dompet Spot saat periode berakhir.",
            "Minimum staking adalah {min} {token}. Penebusan {token} fleksibel memakan waktu "
            "hingga {hours} jam; {token} yang terkunci tidak dapat ditebus lebih awal."), (
            "Berapa imbal hasil staking {token}?",
            "Berapa lama masa kunci staking {token}?")),
        "zh-CN": ("理财", "{token} 质押：收益率、锁定期和最低金额", (
            "{token} 活期质押的预估年化收益为 {apr}%，每日发放。锁定 {days} 天的定期质押收益"
            "更高，到期后 {token} 返还至现货钱包。",
            "最低质押数量为 {min} {token}。活期 {token} 赎回最多需要 {hours} 小时；定期 "
            "{token} 不能提前赎回。"), (
            "{token} 质押年化收益是多少？",
            "{token} 定期质押锁定多长时间？")),
        "es": ("Earn", "Staking de {token}: rendimiento, bloqueo y mínimo", (
            "El staking flexible de {token} paga un rendimiento estimado del {apr}% anual, "
            "abonado a diario. El staking bloqueado durante {days} días paga más y devuelve "
            "los {token} a su billetera Spot al terminar el plazo.",
            "El mínimo para hacer staking es {min} {token}. Rescatar {token} flexible tarda "
            "hasta {hours} horas; los {token} bloqueados no se pueden rescatar antes."), (
            "¿Qué rendimiento da el staking de {token}?",
            "¿Cuánto tiempo quedan bloqueados los {token} en staking?")),
        "ru": ("Earn", "Стейкинг {token}: доходность, срок блокировки и минимум", (
            "Гибкий стейкинг {token} приносит около {apr}% годовых с ежедневным начислением. "
            "Стейкинг с блокировкой на {days} дней приносит больше и возвращает {token} на "
            "спотовый кошелёк в конце срока.",
            "Минимальная сумма стейкинга — {min} {token}. Возврат гибкого {token} занимает до "
            "{hours} часов; заблокированные {token} нельзя забрать досрочно."), (
            "Какая доходность у стейкинга {token}?",
            "На какой срок блокируются {token} в стейкинге?")),
    }),
    Topic("futures", ("token",), 2, {
        "en": ("Futures", "{token}USDT perpetual contract: leverage and funding", (
            "The {token}USDT perpetual contract offers leverage of up to {lev}x. The largest "
            "position at the highest leverage is {limit} USDT; larger positions need lower "
            "leverage.",
            "Funding for {token}USDT is exchanged every {hours} hours between long and short "
            "positions. The maintenance margin rate starts at {pct}%."), (
            "What is the maximum leverage on {token}USDT perpetual futures?",
            "How often is funding paid on the {token}USDT contract?")),
        "vi": ("Futures", "Hợp đồng vĩnh cửu {token}USDT: đòn bẩy và funding", (
            "Hợp đồng vĩnh cửu {token}USDT cho phép đòn bẩy tối đa {lev}x. Vị thế lớn nhất ở "
            "mức đòn bẩy cao nhất là {limit} USDT; vị thế lớn hơn cần đòn bẩy thấp hơn.",
            "Phí funding của {token}USDT được trao đổi giữa vị thế long và short mỗi {hours} "
            "giờ. Tỷ lệ ký quỹ duy trì bắt đầu từ {pct}%."), (
            "Đòn bẩy tối đa của hợp đồng vĩnh cửu {token}USDT là bao nhiêu?",
            "Funding của hợp đồng {token}USDT trả mấy giờ một lần?")),
        "id": ("Futures", "Kontrak perpetual {token}USDT: leverage dan funding", (
            "Kontrak perpetual {token}USDT menawarkan leverage hingga {lev}x. Posisi terbesar "
            "pada leverage tertinggi adalah {limit} USDT; posisi yang lebih besar membutuhkan "
            "leverage lebih rendah.",
            "Funding {token}USDT dipertukarkan antara posisi long dan short setiap {hours} "
            "jam. Tingkat margin pemeliharaan mulai dari {pct}%."), (
            "Berapa leverage maksimum untuk futures perpetual {token}USDT?",
            "Seberapa sering funding dibayar pada kontrak {token}USDT?")),
        "zh-CN": ("合约", "{token}USDT 永续合约：杠杆与资金费率", (
            "{token}USDT 永续合约最高支持 {lev} 倍杠杆。最高杠杆下的最大持仓为 {limit} USDT，"
            "更大的仓位需要降低杠杆。",
            "{token}USDT 的资金费用每 {hours} 小时在多空双方之间交换一次。维持保证金率从 "
            "{pct}% 起。"), (
            "{token}USDT 永续合约最高多少倍杠杆？",
            "{token}USDT 合约多久收一次资金费？")),
        "es": ("Futuros", "Contrato perpetuo {token}USDT: apalancamiento y financiación", (
            "El contrato perpetuo {token}USDT ofrece un apalancamiento de hasta {lev}x. La "
            "posición máxima con el apalancamiento más alto es de {limit} USDT; las posiciones "
            "mayores necesitan menos apalancamiento.",
            "La financiación de {token}USDT se intercambia cada {hours} horas entre posiciones "
            "largas y cortas. La tasa de margen de mantenimiento empieza en el {pct}%."), (
            "¿Cuál es el apalancamiento máximo del perpetuo {token}USDT?",
            "¿Cada cuánto se paga la financiación del contrato {token}USDT?")),
        "ru": ("Фьючерсы", "Бессрочный контракт {token}USDT: плечо и фандинг", (
            "Бессрочный контракт {token}USDT позволяет плечо до {lev}x. Максимальная позиция "
            "при самом высоком плече — {limit} USDT; для больших позиций нужно меньшее плечо.",
            "Фандинг по {token}USDT выплачивается между длинными и короткими позициями каждые "
            "{hours} часов. Ставка поддерживающей маржи начинается с {pct}%."), (
            "Какое максимальное плечо на бессрочном контракте {token}USDT?",
            "Как часто начисляется фандинг по контракту {token}USDT?")),
    }),
    Topic("convert", ("token", "token2"), 3, {
        "en": ("Convert", "Converting {token} to {token2}", (
            "Convert swaps {token} for {token2} at a quoted price with no trading fee. The "
            "quote is valid for {secs} seconds; after that, ask for a new one.",
            "The smallest conversion from {token} to {token2} is {min} {token}, and you can "
            "convert up to {limit} {token} a day. Converted {token2} arrives in your Spot "
            "wallet at once."), (
            "How do I convert {token} to {token2}?",
            "Is there a fee to convert {token} into {token2}?")),
        "vi": ("Chuyển đổi", "Chuyển đổi {token} sang {token2}", (
            "Tính năng Chuyển đổi đổi {token} lấy {token2} theo giá báo trước và không mất "
            "phí giao dịch. Giá báo có hiệu lực trong {secs} giây; sau đó hãy yêu cầu giá mới.",
            "Lượng chuyển đổi nhỏ nhất từ {token} sang {token2} là {min} {token}, và bạn có "
            "thể chuyển đổi tối đa {limit} {token} mỗi ngày. {token2} nhận được vào ví Spot "
            "ngay lập tức."), (
            "Làm sao để chuyển đổi {token} sang {token2}?",
            "Chuyển đổi {token} sang {token2} có mất phí giao dịch?")),
        "id": ("Convert", "Mengonversi {token} ke {token2}", (
            "Fitur Convert menukar {token} dengan {token2} pada harga yang dikutip tanpa biaya "
            "perdagangan. Kutipan harga berlaku selama {secs} detik; setelah itu, minta "
            "kutipan baru.",
            "Konversi terkecil dari {token} ke {token2} adalah {min} {token}, dan Anda dapat "
            "mengonversi hingga {limit} {token} per hari. {token2} hasil konversi langsung "
            "tersedia di dompet Spot."), (
            "Bagaimana cara mengonversi {token} ke {token2}?",
            "Apakah ada biaya untuk konversi {token} ke {token2}?")),
        "zh-CN": ("闪兑", "将 {token} 闪兑为 {token2}", (
            "闪兑按报价将 {token} 兑换为 {token2}，不收交易手续费。报价有效期为 {secs} 秒，"
            "过期后请重新询价。",
            "{token} 兑换 {token2} 的最小数量为 {min} {token}，每日最多可兑换 {limit} {token}。"
            "兑换得到的 {token2} 立即进入现货钱包。"), (
            "怎么把 {token} 兑换成 {token2}？",
            "{token} 闪兑 {token2} 收手续费吗？")),
        "es": ("Convert", "Convertir {token} a {token2}", (
            "Convert cambia {token} por {token2} a un precio cotizado sin comisión de trading. "
            "La cotización es válida durante {secs} segundos; después, pida una nueva.",
            "La conversión mínima de {token} a {token2} es de {min} {token}, y puede convertir "
            "hasta {limit} {token} al día. Los {token2} convertidos llegan a su billetera Spot "
            "al instante."), (
            "¿Cómo convierto {token} a {token2}?",
            "¿Hay comisión por convertir {token} en {token2}?")),
        "ru": ("Конвертация", "Конвертация {token} в {token2}", (
            "Конвертация обменивает {token} на {token2} по котировке без торговой комиссии. "
            "Котировка действует {secs} секунд; после этого запросите новую.",
            "Минимальная конвертация {token} в {token2} — {min} {token}, в день можно "
            "конвертировать до {limit} {token}. Полученные {token2} сразу поступают на "
            "спотовый кошелёк."), (
            "Как конвертировать {token} в {token2}?",
            "Есть ли комиссия за конвертацию {token} в {token2}?")),
    }),
    Topic("buy-crypto", ("fiat", "method"), 3, {
        "en": ("Buy crypto", "Buying crypto with {fiat} by {method}", (
            "You can buy USDT, BTC and ETH with {fiat} by {method}. The fee is {pct}% of the "
            "amount, shown before you pay, and the daily limit is {limit} {fiat}.",
            "Payments by {method} in {fiat} are usually confirmed within {minutes} minutes. "
            "The bank that issued your card may add its own foreign-exchange charge."), (
            "What is the fee to buy crypto with {fiat} by {method}?",
            "What is the daily limit when I buy crypto with {method} in {fiat}?")),
        "vi": ("Mua crypto", "Mua crypto bằng {fiat} qua {method}", (
            "Bạn có thể mua USDT, BTC và ETH bằng {fiat} qua {method}. Phí là {pct}% số tiền, "
            "hiển thị trước khi thanh toán, và hạn mức mỗi ngày là {limit} {fiat}.",
            "Thanh toán {fiat} qua {method} thường được xác nhận trong vòng {minutes} phút. "
            "Ngân hàng phát hành thẻ có thể thu thêm phí chuyển đổi ngoại tệ."), (
            "Phí mua crypto bằng {fiat} qua {method} là bao nhiêu?",
            "Hạn mức mỗi ngày khi mua crypto bằng {method} với {fiat} là bao nhiêu?")),
        "id": ("Beli kripto", "Membeli kripto dengan {fiat} melalui {method}", (
            "Anda dapat membeli USDT, BTC, dan ETH dengan {fiat} melalui {method}. Biayanya "
            "{pct}% dari jumlah, ditampilkan sebelum Anda membayar, dan batas harian adalah "
            "{limit} {fiat}.",
            "Pembayaran {fiat} melalui {method} biasanya dikonfirmasi dalam {minutes} menit. "
            "Bank penerbit kartu Anda mungkin menambahkan biaya kurs sendiri."), (
            "Berapa biaya membeli kripto dengan {fiat} lewat {method}?",
            "Berapa batas harian membeli kripto dengan {method} dalam {fiat}?")),
        "zh-CN": ("买币", "使用 {method} 以 {fiat} 购买加密货币", (
            "您可以通过 {method} 使用 {fiat} 购买 USDT、BTC 和 ETH。手续费为金额的 {pct}%，"
            "付款前显示，每日限额为 {limit} {fiat}。",
            "使用 {method} 支付 {fiat} 通常在 {minutes} 分钟内确认。发卡银行可能另收外汇"
            "手续费。"), (
            "用 {method} 以 {fiat} 买币手续费是多少？",
            "用 {method} 支付 {fiat} 买币每天限额多少？")),
        "es": ("Comprar cripto", "Comprar cripto con {fiat} mediante {method}", (
            "Puede comprar USDT, BTC y ETH con {fiat} mediante {method}. La comisión es del "
            "{pct}% del importe, se muestra antes de pagar, y el límite diario es de {limit} "
            "{fiat}.",
            "Los pagos en {fiat} con {method} suelen confirmarse en {minutes} minutos. El "
            "banco emisor de su tarjeta puede cobrar su propio cargo por cambio de divisa."), (
            "¿Qué comisión tiene comprar cripto con {fiat} mediante {method}?",
            "¿Cuál es el límite diario para comprar cripto con {method} en {fiat}?")),
        "ru": ("Покупка криптовалюты", "Покупка криптовалюты за {fiat} через {method}", (
            "Купить USDT, BTC и ETH за {fiat} можно через {method}. Комиссия — {pct}% от "
            "суммы, она показывается до оплаты; дневной лимит — {limit} {fiat}.",
            "Платежи в {fiat} через {method} обычно подтверждаются в течение {minutes} минут. "
            "Банк, выпустивший карту, может взять свою комиссию за конвертацию валюты."), (
            "Какая комиссия при покупке криптовалюты за {fiat} через {method}?",
            "Какой дневной лимит на покупку криптовалюты через {method} в {fiat}?")),
    }),
    Topic("listing", ("token", "quote", "date"), 1, {
        "en": ("Announcements", "New trading pair {token}/{quote} from {date}", (
            "Spot trading of the {token}/{quote} pair opens on {date} at {time} UTC. Deposits "
            "of {token} are open now; withdrawals open {hours} hours after trading starts.",
            "During the first {minutes} minutes of {token}/{quote} trading, market orders are "
            "limited to {limit} {quote} each to keep prices orderly."), (
            "When does trading of {token}/{quote} start on {date}?",
            "When can I withdraw {token} after the {token}/{quote} listing on {date}?")),
        "vi": ("Thông báo", "Cặp giao dịch mới {token}/{quote} từ ngày {date}", (
            "Giao dịch Spot cặp {token}/{quote} mở vào {time} UTC ngày {date}. Nạp {token} đã "
            "mở; rút {token} mở sau {hours} giờ kể từ khi bắt đầu giao dịch.",
            "Trong {minutes} phút đầu giao dịch {token}/{quote}, mỗi lệnh thị trường bị giới "
            "hạn ở {limit} {quote} để giá ổn định."), (
            "Ngày {date} mấy giờ bắt đầu giao dịch cặp {token}/{quote}?",
            "Sau khi niêm yết {token}/{quote} ngày {date}, khi nào rút được {token}?")),
        "id": ("Pengumuman", "Pasangan perdagangan baru {token}/{quote} mulai {date}", (
            "Perdagangan Spot pasangan {token}/{quote} dibuka pada {date} pukul {time} UTC. "
            "Deposit {token} sudah dibuka; penarikan dibuka {hours} jam setelah perdagangan "
            "dimulai.",
            "Selama {minutes} menit pertama perdagangan {token}/{quote}, setiap market order "
            "dibatasi {limit} {quote} agar harga tetap teratur."), (
            "Jam berapa perdagangan {token}/{quote} dimulai pada {date}?",
            "Kapan saya bisa menarik {token} setelah listing {token}/{quote} pada {date}?")),
        "zh-CN": ("公告", "{date} 上线新交易对 {token}/{quote}", (
            "{token}/{quote} 现货交易将于 {date} {time}（UTC）开放。{token} 充值现已开放，"
            "提现将在交易开始 {hours} 小时后开放。",
            "{token}/{quote} 交易开始后的前 {minutes} 分钟内，每笔市价单限额 {limit} {quote}，"
            "以保持价格平稳。"), (
            "{date} 上线的 {token}/{quote} 几点开始交易？",
            "{date} 上线 {token}/{quote} 后什么时候可以提 {token}？")),
        "es": ("Anuncios", "Nuevo par de trading {token}/{quote} desde el {date}", (
            "El trading spot del par {token}/{quote} abre el {date} a las {time} UTC. Los "
            "depósitos de {token} ya están abiertos; los retiros abren {hours} horas después "
            "del inicio del trading.",
            "Durante los primeros {minutes} minutos de trading de {token}/{quote}, cada orden "
            "de mercado se limita a {limit} {quote} para mantener precios ordenados."), (
            "¿A qué hora empieza el trading de {token}/{quote} el {date}?",
            "¿Cuándo puedo retirar {token} tras el listado de {token}/{quote} del {date}?")),
        "ru": ("Объявления", "Новая торговая пара {token}/{quote} с {date}", (
            "Спотовая торговля парой {token}/{quote} откроется {date} в {time} UTC. "
            "Пополнения {token} уже открыты; вывод откроется через {hours} часов после начала "
            "торгов.",
            "В первые {minutes} минут торгов {token}/{quote} каждый рыночный ордер ограничен "
            "{limit} {quote}, чтобы цена оставалась упорядоченной."), (
            "Во сколько начинается торговля парой {token}/{quote} {date}?",
            "Когда можно вывести {token} после листинга {token}/{quote} {date}?")),
    }),
    Topic("bank-withdrawal", ("fiat",), 2, {
        "en": ("Fiat", "Withdrawing {fiat} to a bank account", (
            "Withdrawals of {fiat} to a bank account in your own name take {days} working days "
            "and cost {fee} {fiat}. The minimum is {min} {fiat} and the daily limit {limit} "
            "{fiat}.",
            "The bank account must be in the same name as your exchange account. A withdrawal "
            "of {fiat} sent to an account in another name is returned within {hours} hours, "
            "less the fee."), (
            "How long does a {fiat} withdrawal to my bank account take?",
            "What does it cost to withdraw {fiat} to a bank?")),
        "vi": ("Tiền pháp định", "Rút {fiat} về tài khoản ngân hàng", (
            "Rút {fiat} về tài khoản ngân hàng đứng tên bạn mất {days} ngày làm việc và tốn "
            "phí {fee} {fiat}. Mức tối thiểu là {min} {fiat} và hạn mức mỗi ngày là {limit} "
            "{fiat}.",
            "Tài khoản ngân hàng phải cùng tên với tài khoản sàn. Lệnh rút {fiat} gửi tới tài "
            "khoản mang tên người khác sẽ được hoàn lại trong {hours} giờ, trừ phí."), (
            "Rút {fiat} về tài khoản ngân hàng mất bao lâu?",
            "Phí rút {fiat} về ngân hàng là bao nhiêu?")),
        "id": ("Fiat", "Menarik {fiat} ke rekening bank", (
            "Penarikan {fiat} ke rekening bank atas nama Anda sendiri memakan waktu {days} "
            "hari kerja dan dikenakan biaya {fee} {fiat}. Minimumnya {min} {fiat} dan batas "
            "hariannya {limit} {fiat}.",
            "Rekening bank harus atas nama yang sama dengan akun bursa Anda. Penarikan {fiat} "
            "ke rekening atas nama lain dikembalikan dalam {hours} jam, dikurangi biaya."), (
            "Berapa lama penarikan {fiat} ke rekening bank saya?",
            "Berapa biaya menarik {fiat} ke bank?")),
        "zh-CN": ("法币", "将 {fiat} 提现到银行账户", (
            "将 {fiat} 提现到本人名下的银行账户需要 {days} 个工作日，手续费 {fee} {fiat}。"
            "最低金额为 {min} {fiat}，每日限额 {limit} {fiat}。",
            "银行账户必须与交易所账户同名。提现到他人名下账户的 {fiat} 将在 {hours} 小时内"
            "退回，并扣除手续费。"), (
            "{fiat} 提现到银行账户要多久？",
            "{fiat} 提现到银行手续费多少？")),
        "es": ("Fiat", "Retirar {fiat} a una cuenta bancaria", (
            "Los retiros de {fiat} a una cuenta bancaria a su nombre tardan {days} días "
            "hábiles y cuestan {fee} {fiat}. El mínimo es de {min} {fiat} y el límite diario "
            "de {limit} {fiat}.",
            "La cuenta bancaria debe estar a nombre del titular de la cuenta del exchange. Un "
            "retiro de {fiat} enviado a una cuenta de otra persona se devuelve en {hours} "
            "horas, descontando la comisión."), (
            "¿Cuánto tarda un retiro de {fiat} a mi cuenta bancaria?",
            "¿Cuánto cuesta retirar {fiat} a un banco?")),
        "ru": ("Фиат", "Вывод {fiat} на банковский счёт", (
            "Вывод {fiat} на банковский счёт на ваше имя занимает {days} рабочих дней и стоит "
            "{fee} {fiat}. Минимум — {min} {fiat}, дневной лимит — {limit} {fiat}.",
            "Банковский счёт должен быть оформлен на то же имя, что и аккаунт на бирже. Вывод "
            "{fiat} на счёт другого человека возвращается в течение {hours} часов за вычетом "
            "комиссии."), (
            "Сколько идёт вывод {fiat} на банковский счёт?",
            "Сколько стоит вывод {fiat} в банк?")),
    }),
)  # fmt: skip

# A closing paragraph or two from these, as help articles have.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "en": (
        "Never share your password, one-time codes or recovery phrase with anyone, including "
        "people who say they work for us.",
        "Fees and limits in this article can change with market conditions; the app always "
        "shows the current figures before you confirm.",
        "Availability of some products depends on the country you live in and on your "
        "account level.",
        "If something here does not match what you see in the app, update the app to the "
        "latest version and check again.",
    ),
    "vi": (
        "Không bao giờ chia sẻ mật khẩu, mã một lần hay cụm từ khôi phục với bất kỳ ai, kể "
        "cả người tự nhận là nhân viên của chúng tôi.",
        "Phí và hạn mức trong bài viết có thể thay đổi theo thị trường; ứng dụng luôn hiển "
        "thị số liệu hiện tại trước khi bạn xác nhận.",
        "Một số sản phẩm chỉ khả dụng tùy theo quốc gia bạn sinh sống và cấp độ tài khoản.",
        "Nếu thông tin ở đây khác với những gì bạn thấy trong ứng dụng, hãy cập nhật ứng "
        "dụng lên phiên bản mới nhất và kiểm tra lại.",
    ),
    "id": (
        "Jangan pernah membagikan kata sandi, kode sekali pakai, atau frasa pemulihan kepada "
        "siapa pun, termasuk orang yang mengaku bekerja untuk kami.",
        "Biaya dan batas dalam artikel ini dapat berubah mengikuti kondisi pasar; aplikasi "
        "selalu menampilkan angka terkini sebelum Anda mengonfirmasi.",
        "Ketersediaan beberapa produk tergantung pada negara tempat tinggal Anda dan level "
        "akun Anda.",
        "Jika informasi di sini berbeda dengan yang Anda lihat di aplikasi, perbarui aplikasi "
        "ke versi terbaru dan periksa lagi.",
    ),
    "zh-CN": (
        "切勿向任何人透露您的密码、一次性验证码或助记词，包括自称是我们员工的人。",
        "本文中的手续费和限额可能随市场情况调整；确认前应用内始终显示最新数据。",
        "部分产品是否可用取决于您所在的国家和账户等级。",
        "如果本文内容与应用中显示的不一致，请将应用更新到最新版本后再查看。",
    ),
    "es": (
        "Nunca comparta su contraseña, códigos de un solo uso ni su frase de recuperación con "
        "nadie, tampoco con quien diga trabajar para nosotros.",
        "Las comisiones y límites de este artículo pueden cambiar según el mercado; la "
        "aplicación siempre muestra las cifras actuales antes de confirmar.",
        "La disponibilidad de algunos productos depende del país donde vive y del nivel de su "
        "cuenta.",
        "Si algo de aquí no coincide con lo que ve en la aplicación, actualícela a la última "
        "versión y vuelva a comprobarlo.",
    ),
    "ru": (
        "Никогда никому не сообщайте пароль, одноразовые коды и фразу восстановления, даже "
        "тем, кто называет себя нашими сотрудниками.",
        "Комиссии и лимиты в этой статье могут меняться вместе с рынком; приложение всегда "
        "показывает актуальные цифры до подтверждения.",
        "Доступность некоторых продуктов зависит от страны проживания и уровня аккаунта.",
        "Если что-то здесь не совпадает с тем, что вы видите в приложении, обновите "
        "приложение до последней версии и проверьте снова.",
    ),
}

# Questions no article answers: the bot should hand over rather than guess.
OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "en": ("Can I pay my electricity bill through your website?",
           "Do you have an office in Nairobi I can visit on Saturday?",
           "What is the best pizza recipe for a birthday party?",
           "How do I repair the cracked screen of my laptop?"),
    "vi": ("Tôi có thể thanh toán hóa đơn điện qua trang web của bạn được không?",
           "Công ty có văn phòng ở Đà Lạt để tôi ghé thăm vào thứ Bảy?",
           "Công thức nấu phở bò ngon nhất là gì?",
           "Làm sao để sửa màn hình laptop bị nứt?"),
    "id": ("Apakah saya bisa membayar tagihan listrik lewat situs kalian?",
           "Apakah ada kantor di Makassar yang bisa saya kunjungi hari Sabtu?",
           "Bagaimana cara membuat rendang yang enak untuk pesta?",
           "Bagaimana memperbaiki layar laptop yang retak?"),
    "zh-CN": ("我可以通过你们的网站交电费吗？", "你们在成都有周六可以去的办公室吗？",
              "红烧肉怎么做最好吃？", "笔记本电脑屏幕裂了怎么修？"),
    "es": ("¿Puedo pagar la factura de la luz en su página web?",
           "¿Tienen una oficina en Sevilla que pueda visitar el sábado?",
           "¿Cuál es la mejor receta de paella para una fiesta?",
           "¿Cómo arreglo la pantalla rota de mi portátil?"),
    "ru": ("Можно ли оплатить счёт за электричество на вашем сайте?",
           "Есть ли у вас офис в Казани, куда можно прийти в субботу?",
           "Как приготовить вкусный борщ на праздник?",
           "Как починить треснувший экран ноутбука?"),
}  # fmt: skip

# Questions that start a self-service flow (flows/builtin) before any search.
FLOW_STARTERS: dict[str, tuple[str, ...]] = {
    "en": ("I forgot my password and cannot log in to the app",
           "Please help me reset 2FA, I changed my phone"),
    "vi": ("Tôi quên mật khẩu nên không đăng nhập được",
           "Giúp tôi đặt lại 2fa vì tôi đổi điện thoại"),
    "id": ("Saya lupa kata sandi dan tidak bisa login",
           "Tolong bantu reset 2fa karena saya ganti ponsel"),
    "zh-CN": ("我忘记密码了，登录不了", "我换了手机，需要重置 2FA"),
    "es": ("Olvidé mi contraseña y no puedo entrar en la aplicación",
           "Necesito restablecer 2fa porque cambié de teléfono"),
    "ru": ("Я забыл пароль и не могу войти в приложение",
           "Помогите сбросить 2fa, я сменил телефон"),
}  # fmt: skip
