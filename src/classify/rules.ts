import type { Category } from '#src/model/taxonomy.ts';

/**
 * The classifier's vocabulary and weights, as data. The engine (engine.ts) reads a tool the way a
 * reviewer does: it finds the verb of the name and of the description's first sentence, composes
 * each with its object, and weighs the rest of the text as supporting evidence. To change how
 * tools are classified, edit these tables; to change how they are read, edit the engine.
 */

/** `words`a b c`` → ['a', 'b', 'c']: word lists stay readable as data. */
function words(strings: TemplateStringsArray): string[] {
  return strings.join(' ').split(/\s+/).filter(Boolean);
}

/** What a verb does, before its object is known. */
export type VerbClass = 'read' | 'write' | 'execute' | 'destroy' | 'money' | 'send';

/**
 * Verbs by class. A word is looked up as written and then with its inflection removed
 * ("creates", "created", "creating" → "create"). A word that is both a verb and a noun (`order`,
 * `run`, `status`) is read as a verb only where a verb stands: at either end of a tool name, or
 * leading the description's first sentence.
 */
export const VERBS: Readonly<Record<VerbClass, readonly string[]>> = {
  read: words`get list read fetch retrieve search find show describe view lookup look count check inspect browse consume
    download export info stats status validate verify preview wait poll sum calculate compute explain summarize
    summarise analyze analyse research diff compare resolve echo scan explore monitor ping health whoami convert parse
    estimate suggest recommend translate extract lint detect identify grep glob tree screenshot query load
    discover audit test review track trace measure observe visualize render format decode encode tail cat ls stat
    exists overview details think crawl scrape return display map capture answer guide provide rank rerank score ask
    learn debug diagnose chat converse decompile disassemble peek filter`,
  write: words`create add update set save write put upload edit modify insert upsert toggle enable disable rename move
    copy append patch register subscribe unsubscribe store commit push merge import install assign unassign comment
    star unstar fork apply configure mark archive unarchive close reopen lock unlock sync attach link schedule invite
    approve reject make init initialize setup change clone checkout duplicate restore transition pin unpin follow
    unfollow watch unwatch like react vote bookmark share grant enroll compress gzip zip unzip transfer mkdir touch remember memorize
    draft resize crop rebase unstage stash new post publish connect disconnect login authenticate authorize upgrade
    downgrade scale resume pause stop reorder organize generate mute unmute provision detach receive record manage select
    revert rollback handle replace unpublish standardize normalize fix deactivate promote accept renew unlink moderate trash declare turn skip adjust dim book reserve activate produce`,
  execute: words`run exec execute eval evaluate invoke trigger launch spawn deploy build compile click type fill press
    hover drag navigate goto scroll call dispatch rerun replay retry simulate submit perform automate emulate
    interact act start restart power reboot shutdown boot conduct queue enqueue reload tap swipe redeploy goback goforward
    openurl emit redeliver relaunch recompile`,
  send: words`send notify broadcast sms tweet reply forward`,
  destroy: words`delete remove drop destroy purge erase wipe truncate clear kill terminate revoke uninstall reset cancel
    rm del shred logout signout invalidate rotate overwrite discard abort interrupt void expire evict flush
    prune ban unregister empty dismiss rebuild reimage release cleanup recreate clean`,
  money: words`pay charge refund purchase buy sell withdraw deposit donate trade invoice bill payout tip swap bid order
    reimburse settle stake unstake restake topup recharge borrow repay lend`,
};

/**
 * Verbs that are hardly ever nouns in a tool name: where a family of names varies in one of these
 * (`monitor_create`, `monitor_list`, `monitor_delete`), that place holds the verb.
 */
export const PLAIN_VERBS: ReadonlySet<string> = new Set(
  words`get list create update delete add remove fetch search find edit modify insert upsert destroy rename`,
);

/**
 * Nouns that name a way of running code (`bash`, `sql`, `python`): a name with no verb at either
 * end but one of these anywhere runs something.
 */
export const RUNNER_NOUNS: ReadonlySet<string> = new Set(
  words`bash shell sql terminal python javascript js script command cmd curl ssh sudo repl`,
);

/**
 * Objects that make a changing verb a money movement: writing, running or destroying one of
 * these is Financial; reading one is still Read.
 */
export const MONEY_OBJECTS: ReadonlySet<string> = new Set(
  words`payment invoice refund payout charge subscription journal ledger transaction adjustment order trade transfer purchase bill checkout fund money withdrawal deposit swap bid creditnote debit payroll expense reimbursement remittance wire banktransaction bank receipt credit
    salesorder purchaseorder salesinvoice purchaseinvoice paymententry spend loan loans settlement settlements receivable receivables payable payables`,
);

/**
 * Nouns a money word can qualify without the thing being money: a payment policy, a payment
 * account, a transaction group, a bidding strategy, evidence for a payment dispute. When the noun
 * phrase a verb acts on ends in one of these, the verb changes a setting or a record about money,
 * not money itself (Write).
 */
export const NON_MONEY_HEADS: ReadonlySet<string> = new Set(
  words`policy account group filter strategy evidence setting settings preference template rule category tag label
    note comment attachment file document webhook notification alert`,
);

/**
 * What a subscription is to when it is not a paid one: a notification subscription or a webhook
 * subscription delivers events and bills nobody.
 */
export const NOTICE_WORDS: ReadonlySet<string> = new Set(
  words`notification webhook event topic alert push email newsletter feed channel calendar`,
);

/**
 * Assets a wallet holds: coins and tokens on a chain. Moving one to another address or letting
 * another address spend it moves value (Financial); creating or recording one does not.
 */
export const WALLET_ASSETS: ReadonlySet<string> = new Set(
  words`nativetoken erc20 erc721 erc1155 nft eth ether sol btc bitcoin bnb matic usdc usdt lamports crypto cryptocurrency
    coin coins stablecoin stablecoins`,
);
export const MOVING_VERBS: ReadonlySet<string> = new Set(words`transfer send approve`);

/**
 * An update of a money record's annotations only: "Use this tool to update the notes field of a
 * payment", "Only the notes field can be modified". The payment itself does not change (Write).
 */
export const ANNOTATION_ONLY_UPDATE =
  /^(?:use this tool to\s+)?(?:update|updates|set|sets|edit|edits|change|changes|modify|modifies)\s+(?:the\s+)?(?:notes?|metadata|tags?|labels?|memo|description)(?:\s+field)?\s+(?:of|for|on)\b|\bonly the (?:notes?|metadata|memo|description) (?:field )?(?:can|may) be (?:modified|changed|updated|edited)\b/i;
/**
 * Acting on a device or a live output: switching a light, sounding a siren, pausing playback,
 * starting or stopping a stream, setting a printer's temperature. The effect is in
 * the world, not in a stored record (Execute), as the labelling guide has device actions. Changing
 * a device's settings or schedule stores them (Write).
 */
export const ACTUATING_VERBS: ReadonlySet<string> = new Set(
  words`turn switch toggle play pause resume stop skip activate flash blink sound ring dim brighten adjust set start`,
);
export const LIVE_OUTPUTS: ReadonlySet<string> = new Set(
  words`light lights lamp lamps bulb bulbs siren sirens relay relays alarm speaker playback volume brightness stream streaming patrol track ptz fan heater thermostat plug outlet temperature`,
);
export const DEVICE_SETTINGS: ReadonlySet<string> = new Set(
  words`setting settings config configuration schedule schedules rule rules name default defaults preference preferences policy`,
);
/**
 * Playing what a device or a show holds: activating a lighting scene, stopping a clip in a live set,
 * triggering an effect. The effect is in the room or on the stream (Execute); saving a scene or
 * editing a clip is a stored change (Write), so only verbs of playing count here.
 */
export const PLAYING_VERBS: ReadonlySet<string> = new Set(words`play pause resume stop activate recall trigger fire`);
export const PLAYED_THINGS: ReadonlySet<string> = new Set(words`clip clips scene scenes effect effects`);
/**
 * A timer or a stopwatch tracks time: starting, stopping or pausing one records time on a task or an
 * issue (Write); it runs nothing.
 */
export const TIMERS: ReadonlySet<string> = new Set(words`timer timers stopwatch stopwatches`);
export const TIMING_VERBS: ReadonlySet<string> = new Set(words`start stop pause resume restart`);
/**
 * A description's own warning that the tool moves money: "⚠️ This action moves funds", "This sends
 * funds to your custodial partner". Whatever its verb, such a tool pays (Financial).
 */
export const STATES_IT_MOVES_MONEY =
  /\b(?:this|it) (?:action |tool |operation |call |endpoint |will |also )?(?:moves?|sends?|transfers?|spends?|withdraws?|debits?) (?:real |actual |your )?(?:money|funds)\b/i;

/** A sentence that says what it deletes is gone for good ("Permanently delete a custom emoji"). */
export const PERMANENT_DELETION =
  /\b(?:permanently|irreversibly) (?:delete|deletes|remove|removes|destroy|destroys|erase|erases)\b|\b(?:delete|deletes|remove|removes) [\w\s-]{1,40}? (?:permanently|irreversibly)\b/i;

/**
 * A post on a social network: creating one publishes it to the network's readers at once, which the
 * labelling guide counts with sending a message or a tweet (Execute). A post of a blog or a CMS is a
 * record of the site (Write).
 */
export const SOCIAL_POST =
  /\b(?:create|creates|new|add|adds|write|writes|publish|publishes|compose|composes|make|makes)\b (?:(?:an?|the|new|your) ){0,2}(?:[\w-]+ )?(?:post|toot|tweet|skeet|cast|status)\b/i;
export const SOCIAL_NETWORKS: ReadonlySet<string> = new Set(
  words`bluesky bsky mastodon twitter tweet tweets toot toots skeet threads linkedin facebook instagram reddit farcaster nostr weibo xiaohongshu`,
);

/**
 * A live stream read by subscribing: a message topic, a pub/sub channel, an event stream. The tool
 * hands back what arrives (Read); subscribing someone to a list, a newsletter or a webhook's
 * notifications stores a subscription (Write).
 */
export const STREAMED: ReadonlySet<string> = new Set(words`topic topics channel channels event events stream streams`);
export const STORED_SUBSCRIPTIONS: ReadonlySet<string> = new Set(
  words`webhook webhooks notification notifications newsletter list lists email emails plan calendar user users member members contact contacts customer customers`,
);
export const SUBSCRIBES_TO_STREAM =
  /^\s*subscribes? to (?:an? |the )?(?:[\w-]+ ){0,2}(?:topic|channel|events?|stream)\b(?![^.]*\b(?:webhook|notifications?|newsletter|email)\b)/i;
/** Loading something into or onto a place puts it there (Write): a kit into a rack, a sprite into a node. */
export const PLACING_PREPOSITIONS: ReadonlySet<string> = new Set(words`into onto`);

/**
 * Verbs that are nouns everywhere but at the start of a name or a sentence: "Book a flight" books
 * one, while an address book, an order book or the Federal Reserve name things.
 */
export const LEADING_ONLY_VERBS: ReadonlySet<string> = new Set(words`book reserve`);

/**
 * Travel and rides bought by booking: booking a flight, a hotel stay or a ride, or requesting a
 * ride, commits the traveller to pay for it (Financial). Booking a meeting room or an appointment
 * reserves time and bills nobody (Write).
 */
export const BOOKING_VERBS: ReadonlySet<string> = new Set(words`book reserve`);
export const PAID_BOOKINGS: ReadonlySet<string> = new Set(
  words`flight flights stay stays hotel hotels ride rides ticket tickets trip trips fare fares seat seats rental rentals cruise cruises tour tours`,
);

/**
 * A shipping label is bought postage: creating one on a server that ships (its own words or its
 * tools speak of shipping, shipments, carriers or postage) pays the carrier (Financial). An issue's
 * or an email's label bills nobody.
 */
export const SHIPPING_LABELS: ReadonlySet<string> = new Set(words`label labels`);
export const SHIPPING_WORDS: ReadonlySet<string> = new Set(
  words`shipping shipment shipments carrier carriers postage parcel parcels`,
);
/**
 * Something made to take a payment: a QR code, a slip or a link "to accept UPI payments", "para
 * pagamento" (Financial), as the guide counts a payment request with the charges it brings.
 */
export const TAKES_PAYMENT =
  /\b(?:accept|accepts|collect|collects|receive|receives|take|takes)\s+(?:\w+\s+)?payments?\b(?!\s+(?:events?|notifications?|webhooks?|status|methods?|details|data|information)\b)|\bpara\s+pagamento\b/i;

/**
 * A payment dispute or chargeback: accepting one concedes the money to the buyer, who is refunded
 * (Financial); contesting one or adding evidence to it is a record (Write).
 */
export const DISPUTES: ReadonlySet<string> = new Set(words`dispute disputes chargeback chargebacks liability`);
/**
 * A trading position: opening, closing, liquidating or exercising one buys or sells (Financial),
 * where the tool's own text or its server's tool names trade (a symbol, a coin, a market price,
 * orders). A window's or a
 * cursor's position is not one.
 */
export const TRADES_POSITION =
  /\b(?:open|opens|close|closes|liquidate|liquidates|exercise|exercises|reduce|reduces|flatten|flattens|hedge|hedges)\b (?:(?:an?|the|all|every|existing|open|specific|new|\w+'s) ){0,3}(?:[\w-]+ )?positions?\b/i;
export const TRADING_WORDS: ReadonlySet<string> = new Set(
  words`symbol ticker coin shares stock stocks leverage margin market trading trade trades exchange futures option options perp perpetual long short qty order orders`,
);

/**
 * Descriptions written in another language, read through their English equivalents: each word
 * (its accents removed, so "récupère" and "recupere" are one) stands for the English word it
 * translates. Only words that cannot be mistaken for English ones are listed: French "modifier",
 * "importer" and "payer" are English nouns too, German "die" an English verb, and French "compte"
 * (an account) or "commande" (an order, or a command) would say the wrong thing.
 */
export const TRANSLATIONS: ReadonlyMap<string, string> = new Map(
  (
    [
      // Reading: French, Spanish, Portuguese, Italian, German.
      [
        'get',
        words`recupere recuperer recuperent obtient obtenir obtiene obtener obtem obter ottiene ottenere recupera recuperar holt abrufen ottieni pobierz pobiera`,
      ],
      ['list', words`liste lister listent listar elenca elencare listet auflisten`],
      ['find', words`trouve trouver encuentra encontrar encontra trova trovare findet finden`],
      ['identify', words`identifie identifica identificar identificare ermittelt`],
      ['extract', words`extrait extraire extrae extraer extrai extrair estrae estrarre extrahiert`],
      [
        'search',
        words`recherche rechercher cherche chercher busca buscar pesquisa pesquisar cerca cercare sucht suchen durchsucht`,
      ],
      ['show', words`affiche afficher muestra mostrar mostra zeigt anzeigen`],
      ['read', words`leer legge leggere liest lesen`],
      ['check', words`verifie verifier verifica verificar comprueba prueft pruft prufen controlla sprawdz sprawdza`],
      ['query', words`consulte consulter consulta consultar`],
      ['download', words`telecharge telecharger descarga descargar baixa scarica`],
      ['return', words`retourne renvoie devuelve retorna restituisce`],
      ['calculate', words`calcule calcula calcola berechnet`],
      ['generate', words`genere generer genera generar gera gerar generiert`],
      // Writing.
      [
        'create',
        words`cree creer creent crea crear cria criar creare erstellt erstellen erzeugt erzeugen emite emitir emette utworz tworzy`,
      ],
      [
        'add',
        words`ajoute ajouter agrega agregar anade anadir adiciona adicionar aggiunge aggiungere incluir inclui dodaj dodaje`,
      ],
      [
        'update',
        words`actualiza actualizar atualiza atualizar aggiorna aggiornare aktualisiert aktualisieren zaktualizuj aktualizuje`,
      ],
      ['modify', words`modifie modifica modificar modificare`],
      ['change', words`altera alterar aendert andert aendern andern`],
      ['edit', words`edita editar bearbeitet bearbeiten`],
      ['save', words`enregistre enregistrer guarda guardar salva salvar salvare speichert speichern`],
      ['move', words`deplace deplacer mueve mover sposta verschiebt`],
      ['rename', words`renomme renommer renombra renomeia rinomina benennt`],
      ['publish', words`publie publier publica publicar pubblica veroeffentlicht veroffentlicht`],
      ['upload', words`televerse sube subir carica hochladen`],
      ['attach', words`attache adjunta anexa allega`],
      ['sync', words`synchronise synchroniser sincroniza sincronizar sincronizza`],
      // Running and sending.
      ['execute', words`executer ejecuta ejecutar executa executar esegue eseguire`],
      ['launch', words`lance lancer lanza lanzar`],
      ['trigger', words`declenche declencher`],
      ['start', words`demarre demarrer inicia iniciar avvia avviare startet starten`],
      ['stop', words`arrete arreter detiene detener stoppt stoppen`],
      ['restart', words`redemarre redemarrer reinicia`],
      ['send', words`envoie envoyer envia enviar invia inviare sendet senden versendet schickt wyslij wysyla`],
      // Destroying.
      [
        'delete',
        words`supprime supprimer elimina eliminar eliminare borra borrar exclui excluir apaga apagar cancella cancellare loescht loscht loeschen loschen usun usuwa`,
      ],
      ['remove', words`retire retirer quita quitar rimuove rimuovere entfernt entfernen`],
      ['erase', words`efface effacer`],
      ['cancel', words`annule annuler cancela cancelar annulla annullare storniert stornieren`],
      // Money: the verbs, and the objects that make a change Financial.
      ['pay', words`paie paga pagar pagare bezahlt zahlt`],
      ['refund', words`rembourse rembourser reembolsa rimborsa erstattet`],
      // These words are only nouns, so each stands for an English noun that cannot be read as a
      // verb ("factures" is never "to invoice").
      ['reimbursement', words`remboursement reembolso rimborso erstattung`],
      [
        'salesinvoice',
        words`facture factures factura facturas fatura faturas fattura fatture rechnung rechnungen faktura faktury fakture`,
      ],
      [
        'report',
        words`rapport rapports informe informes relatorio relatorios rapporto rapporti bericht berichte raport raporty`,
      ],
      ['withdrawal', words`saque saques retrait retiro`],
      ['bill', words`boleto boletos`],
      ['payment', words`paiement paiements pago pagos pagamento pagamentos zahlung zahlungen`],
      ['wire', words`virement transferencia transferencias bonifico ueberweisung uberweisung`],
      ['subscription', words`abonnement abonnements suscripcion assinatura abbonamento`],
      ['salesorder', words`pedido pedidos ordine ordini bestellung bestellungen`],
      ['purchase', words`achat achats compra compras acquisto acquisti kauf`],
      // Articles, so the object after a verb is found as it is in English.
      ['the', words`les la le el los las il lo gli der das den dem des du l`],
      ['a', words`un une una uno ein eine einen einer`],
      ['of', words`d della dei`],
    ] as const
  ).flatMap(([english, foreign]) => foreign.map((w) => [w, english] as const)),
);

/** Phrases of more than one word that translate to one English verb ("met à jour" → update). */
export const TRANSLATED_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\b(?:met|mettre|mettent)\s+à\s+jour\b/gu, 'update'],
  [/\bbons?\s+de\s+commandes?\b/gu, 'purchaseorder'],
  [/\bnotes?\s+de\s+frais\b/gu, 'expense'],
  [/\bfügt\b/gu, 'add'],
  [/\blegt\b(?=[^.]*\ban\b)/gu, 'create'],
];

/**
 * Russian words, by the stem every form of the word begins with (получить, получает, получение →
 * "get"). Cyrillic is not read as words otherwise, so each stem found at the start of a word stands
 * for the English word.
 */
export const RUSSIAN_STEMS: Readonly<Record<string, string>> = {
  получ: 'get',
  показ: 'show',
  найт: 'find',
  поиск: 'search',
  ищет: 'search',
  провер: 'check',
  анализ: 'analyze',
  экспорт: 'export',
  созда: 'create',
  добав: 'add',
  обнов: 'update',
  измен: 'change',
  сохран: 'save',
  удал: 'delete',
  отмен: 'cancel',
  отправ: 'send',
  запуст: 'run',
  выполн: 'execute',
  оплат: 'pay',
  списо: 'list',
  счет: 'salesinvoice',
  счёт: 'salesinvoice',
  сделк: 'deal',
};

/**
 * Descriptions in Chinese, Japanese or Korean. A verb is read where it stands as one: at the start
 * of a clause (Chinese puts the verb first: 获取用户信息, "get the user's information"), or before a
 * form of する or 하다 (Japanese and Korean put it last: ファイルを削除します, 기억을 삭제합니다,
 * "deletes the file", "deletes the memory"). Elsewhere the same characters are often a noun
 * (承認依頼, "a request for approval").
 */
export const CJK_VERBS: Readonly<Record<string, string>> = {
  获取: 'get',
  获得: 'get',
  取得: 'get',
  查询: 'query',
  查看: 'view',
  读取: 'read',
  列出: 'list',
  搜索: 'search',
  检索: 'search',
  查找: 'find',
  検索: 'search',
  表示: 'show',
  確認: 'check',
  检查: 'check',
  分析: 'analyze',
  生成: 'generate',
  下载: 'download',
  导出: 'export',
  创建: 'create',
  新建: 'create',
  作成: 'create',
  添加: 'add',
  新增: 'add',
  追加: 'add',
  更新: 'update',
  修改: 'modify',
  変更: 'change',
  编辑: 'edit',
  編集: 'edit',
  设置: 'set',
  設定: 'set',
  登録: 'register',
  上传: 'upload',
  导入: 'import',
  连接: 'connect',
  断开: 'disconnect',
  投稿: 'post',
  承認: 'approve',
  拒否: 'reject',
  执行: 'execute',
  実行: 'execute',
  运行: 'run',
  部署: 'deploy',
  启动: 'start',
  起動: 'start',
  停止: 'stop',
  重启: 'restart',
  发送: 'send',
  送信: 'send',
  删除: 'delete',
  削除: 'delete',
  移除: 'remove',
  清除: 'clear',
  清空: 'empty',
  取消: 'cancel',
  支付: 'pay',
  付款: 'pay',
  退款: 'refund',
  转账: 'transfer',
  撤回: 'revoke',
  回复: 'reply',
  // Korean, before a form of 하다 (삭제합니다, "deletes") or 주다 (보여줍니다, "shows").
  보여: 'show',
  조회: 'get',
  검색: 'search',
  확인: 'check',
  분석: 'analyze',
  요약: 'summarize',
  생성: 'create',
  추가: 'add',
  등록: 'register',
  수정: 'update',
  변경: 'change',
  저장: 'save',
  설정: 'set',
  실행: 'execute',
  전송: 'send',
  발송: 'send',
  삭제: 'delete',
  취소: 'cancel',
  결제: 'pay',
  환불: 'refund',
};

/**
 * Nouns of Chinese and Japanese that the rules read, each standing for the English one; only nouns
 * that cannot be read as verbs, so that a Japanese object before its verb is not taken for it.
 */
export const CJK_NOUNS: Readonly<Record<string, string>> = {
  缓存: 'cache',
  キャッシュ: 'cache',
  文件: 'file',
  ファイル: 'file',
  消息: 'message',
  メッセージ: 'message',
};

/** Pairs of words read as one ("credit note" → creditnote, "log out" → logout). */
export const COMPOUNDS: Readonly<Record<string, string>> = {
  // Stock counted or a list of parts: an inventory adjustment or a bill of materials bills no one.
  'inventory adjustment': 'stockadjustment',
  'inventory adjustments': 'stockadjustment',
  'stock adjustment': 'stockadjustment',
  'stock adjustments': 'stockadjustment',
  'bill of': 'billof',
  // An ad set or an ad group carries its own budget, like a campaign.
  'ad set': 'adset',
  'ad sets': 'adsets',
  'ad group': 'adgroup',
  'ad groups': 'adgroups',
  // "Block until a new message arrives" waits; it blocks no one.
  'block until': 'wait',
  'blocks until': 'wait',
  'credit note': 'creditnote',
  'credit notes': 'creditnote',
  // A Brazilian fiscal invoice ("nota fiscal"), in names as in text.
  'nota fiscal': 'salesinvoice',
  'notas fiscais': 'salesinvoice',
  'log out': 'logout',
  'sign out': 'signout',
  'look up': 'lookup',
  // Adding money to a balance ("Top up the account", `top-up`) pays.
  'top up': 'topup',
  'bank transaction': 'banktransaction',
  'bank transactions': 'banktransaction',
  // Documents of a sale or a purchase: "Sales Order" is one noun, not the verb "order".
  'sales order': 'salesorder',
  'sales orders': 'salesorder',
  'purchase order': 'purchaseorder',
  'purchase orders': 'purchaseorder',
  'sales invoice': 'salesinvoice',
  'sales invoices': 'salesinvoice',
  'purchase invoice': 'purchaseinvoice',
  'purchase invoices': 'purchaseinvoice',
  'payment entry': 'paymententry',
  'payment entries': 'paymententry',
  'work order': 'workorder',
  // An order things are shown in is a sequence, not a sale ("change the display order of fields").
  'display order': 'displayorder',
  'sort order': 'sortorder',
  'sorting order': 'sortorder',
  // The order of a folder's children, of columns or of tabs is a sequence too ("Set the full direct-child order").
  'child order': 'sortorder',
  'children order': 'sortorder',
  'column order': 'sortorder',
  'tab order': 'sortorder',
  'work orders': 'workorder',
  // An order to make goods is a plan of work, not a sale ("Create a manufacturing order").
  'manufacturing order': 'workorder',
  'manufacturing orders': 'workorder',
  'production order': 'workorder',
  'production orders': 'workorder',
  // A price named by what is done at it is a price, not a sale or a purchase.
  'selling price': 'sellingprice',
  'selling prices': 'sellingprice',
  'purchase price': 'purchaseprice',
  'purchase prices': 'purchaseprice',
  'native token': 'nativetoken',
  'native tokens': 'nativetoken',
  'go to': 'goto',
  // Elements of a web page, as opposed to a slide's or a design's.
  'input element': 'pageelement',
  'dom element': 'pageelement',
  'web element': 'pageelement',
  'page element': 'pageelement',
  'html element': 'pageelement',
  // A cron job is a schedule: creating one runs nothing yet, unlike creating a job.
  'cron job': 'cronjob',
  'cron jobs': 'cronjob',
  // Moving through a browser's history is navigation, as "go to" is.
  'go back': 'goback',
  'go forward': 'goforward',
  'open url': 'openurl',
  'open link': 'openurl',
  'set up': 'setup',
  'who am i': 'whoami',
  'roll back': 'rollback',
  'clean up': 'cleanup',
  // Names that camelCase splits into verb-like words ("TypeScript" is not "type" + "script").
  'type script': 'typescript',
  'java script': 'javascript',
  'power shell': 'powershell',
  'graph ql': 'graphql',
  // Database products are names, not the query language ("MySQL CONCAT" runs no SQL of the caller's).
  'my sql': 'mysql',
  'postgre sql': 'postgresql',
  'no sql': 'nosql',
  'sq lite': 'sqlite',
  'git hub': 'github',
  'git lab': 'gitlab',
  'web socket': 'websocket',
  'browser stack': 'browserstack',
  'port forward': 'portforward',
  'port forwarding': 'portforward',
};

/** Objects that make posting or replying a sent message (Execute) rather than a stored change. */
export const MESSAGE_OBJECTS: ReadonlySet<string> = new Set(
  words`message email mail sms text notification webhook tweet dm chat reply alert`,
);

/** Objects that make a read verb on them a run of code (querying a database runs the query). */
export const CODE_OBJECTS: ReadonlySet<string> = new Set(
  words`sql database db table cypher graphql postgres postgresql mysql sqlite bigquery snowflake athena clickhouse redshift duckdb trino presto databricks mariadb mssql kql promql code script javascript python`,
);

/**
 * Text a tool composes and hands back: generating one of these (a link, a plan, code, a map image,
 * a random password)
 * retrieves and changes nothing, so it is Read. Generating anything else (an image with a model, a
 * scenario set the server stores) keeps the verb's own class.
 */
export const GENERATED_TEXT: ReadonlySet<string> = new Set(
  words`link url code snippet command text plan guidance guideline recommendation suggestion summary template design diagram documentation instruction answer map outline explanation checklist query queries sql dql yaml json metadata password passphrase changelog pdf string payload metrics forecast report preview locator schema citation visualization idea description statement example timestamp`,
);

/**
 * Media a model renders: generating one runs a model job on the service (a generation queued on
 * ComfyUI, an image model billed per image), which is Execute.
 */
export const GENERATED_MEDIA: ReadonlySet<string> = new Set(
  words`image picture photo video audio speech voice music song`,
);

/**
 * What a build composes and hands back or keeps as data: building a risk profile, a request payload,
 * a query domain or a context composes it, as generating does. Building anything else (a project, an
 * image, a Jenkins job) runs a build (Execute).
 */
export const BUILT_DATA: ReadonlySet<string> = new Set(
  words`context profile payload domain catalog catalogue query queries prompt request preview url link summary summaries report plan graph community communities index map schema filter expression tree`,
);

/** Verbs of composing: on a GENERATED_TEXT object they read, on GENERATED_MEDIA they run a model. */
export const COMPOSING_VERBS: ReadonlySet<string> = new Set(words`generate`);

/**
 * What a restore is made from: restoring (reverting, rolling back) a resource from a backup or a
 * snapshot overwrites its present state with no undo, as rebuilding from an image does.
 */
export const RESTORE_SOURCES: ReadonlySet<string> = new Set(words`backup snapshot image checkpoint`);

/** Verbs that put an earlier state back: Destructive on a RESTORE_SOURCES object, Write otherwise. */
export const RESTORING_VERBS: ReadonlySet<string> = new Set(words`restore revert rollback`);

/**
 * What a deploy puts live: rolling back to an earlier deployment or promoting one to production
 * deploys it again, running its build on live traffic (Execute), unlike reverting a record.
 */
export const DEPLOYMENTS: ReadonlySet<string> = new Set(words`deployment deployments release releases`);
export const REDEPLOYING_VERBS: ReadonlySet<string> = new Set(words`promote rollback revert`);

/**
 * What submitting stores rather than runs: a review, a comment, a rating or feedback is kept as a
 * record of the service (Write), like posting a comment; submitting a job, a form to a workflow or
 * a document for processing starts work (Execute).
 */
export const SUBMITTED_RECORDS: ReadonlySet<string> = new Set(
  words`review reviews feedback comment comments rating ratings`,
);

/** What pinging makes send a delivery: pinging a webhook has the service call its URL (Execute), unlike pinging a host. */
export const WEBHOOKS: ReadonlySet<string> = new Set(words`webhook webhooks hook hooks`);

/** Nouns of deleting: starting or running one ("start a garbage collection", "run a purge") deletes. */
export const DELETION_NOUNS: ReadonlySet<string> = new Set(words`garbage cleanup purge deletion wipe`);

/**
 * Software that installing or upgrading means running: a chart or an application installed on a
 * cluster starts its workloads, which is more than a stored change.
 */
export const RUNNABLE_SOFTWARE: ReadonlySet<string> = new Set(words`app application chart package packages release`);

/**
 * What runs for others to use: stopping one (a virtual machine, a project's containers, every app)
 * powers it down, as shutting it down does, and upgrading one (a cluster, a database) migrates it
 * in place, restarting what runs on it; both are actions on running systems (Execute), not edits.
 * Stopping a search, a recording or a port forward only ends what the tool itself started (Write).
 */
export const RUNNING_SYSTEMS: ReadonlySet<string> = new Set(
  words`machine machines vm vms server servers instance instances app apps application applications project projects service services container containers droplet droplets cluster clusters database databases`,
);
export const POWER_VERBS: ReadonlySet<string> = new Set(words`stop upgrade`);

/**
 * Verbs that put software in place: Execute on a RUNNABLE_SOFTWARE object, Write otherwise.
 * Syncing an application brings its running workloads to the desired state, which deploys it.
 */
export const INSTALLING_VERBS: ReadonlySet<string> = new Set(words`install upgrade sync`);

/**
 * Words that put a tool in a web browser: its name or first sentence saying "browser" or
 * "viewport" (`browser_file_upload`, "Resize the browser window"), or naming an element of a web
 * page ("uploads a file using a file input element"; COMPOUNDS joins "input element", "DOM
 * element" and the like into one word). An element of a slide or a design is no page's.
 */
export const BROWSER_WORDS: ReadonlySet<string> = new Set(words`browser viewport pageelement`);

/**
 * Verbs that, in a browser, are actions on the open page rather than stored changes: uploading a
 * file into a page, resizing the window, dropping data onto an element ("drag and drop"), reloading
 * the page, handling (accepting or dismissing) a dialog, selecting an option. Like a click, what they
 * do depends on the page, so they are Execute there; elsewhere selecting only chooses (a delivery
 * address, a notebook to work in: Write).
 */
export const BROWSER_ACTIONS: ReadonlySet<string> = new Set(words`upload resize drop reload handle select`);

/**
 * Verbs that, on "X from Y", unlink X and leave it in place (Write) when X is a resource the server
 * manages with tools of its own (droplets, for a server with droplet-create) and the server adds X to
 * Y with a twin tool (firewall-add-droplets beside firewall-remove-droplets). Removing what exists
 * only inside Y (a project's feature flags) still deletes it, unless a twin tool named alike adds it
 * back (lb-add-fwd-rules beside lb-remove-fwd-rules).
 */
export const UNLINKING_VERBS: ReadonlySet<string> = new Set(words`remove`);

/**
 * HTTP methods: a tool named by one alone (`bb_post`, once the server's shared prefix is set aside)
 * that takes a free-form path or URL sends whatever request the caller composes. POST is Execute:
 * it creates, but also merges, runs and triggers, as the path says. PUT and PATCH only update what
 * the path names (Write); GET reads and DELETE deletes.
 */
export const HTTP_METHODS: Readonly<Record<string, Category>> = {
  get: 'Read',
  head: 'Read',
  post: 'Execute',
  put: 'Write',
  patch: 'Write',
  delete: 'Destructive',
};

/** Words around an HTTP method in a tool name that only say the tool sends a request (`api_post`, `http_get`). */
export const REQUEST_WORDS: ReadonlySet<string> = new Set(words`api http https request rest`);

/** The last word of a property that names where an HTTP request goes. */
export const REQUEST_TARGET_WORDS: ReadonlySet<string> = new Set(words`path url uri endpoint`);
/** The last word of an input that takes a web address (`url`, `targetUrl`, `page_uri`). */
export const URL_WORDS: ReadonlySet<string> = new Set(words`url uri`);

/**
 * Values of a string enum that choose an overwrite (`mode: rewrite | append`): a Write tool whose
 * calls overwrite unless told otherwise (the default), or must each choose (a required mode), is
 * Destructive, as a description that states an overwrite is.
 */
export const OVERWRITE_VALUES: ReadonlySet<string> = new Set(words`overwrite rewrite replace`);

/**
 * A tool named for writing a file that takes the content to write puts that content in place of the
 * file's, unless a version of the old one is kept: in a repository (a branch, a commit, a sha) or in
 * a backup the tool makes. The labelling guide: an overwrite of a whole file with no kept version is
 * Destructive.
 */
export const FILE_WORDS: ReadonlySet<string> = new Set(words`file files`);
export const CONTENT_PROPERTIES: ReadonlySet<string> = new Set(words`content contents text data body`);
export const KEPT_VERSION_PROPERTIES: ReadonlySet<string> = new Set(
  words`branch sha commit repo repository backup version revision`,
);

/**
 * Words of a tool that shows or brings back earlier versions of something (`get-page-history`,
 * `revert-page-revision`, `undelete-page`): on such a server, replacing that thing's content keeps
 * the old one (the labelling guide: an update the service keeps versions of is Write). Restoring a
 * backup or a snapshot is not among them: a snapshot replaced is gone.
 */
export const VERSION_WORDS: ReadonlySet<string> = new Set(
  words`revision revisions version versions history undelete revert`,
);
/** What a thing holds, so that replacing "page content" replaces the page's (VERSION_WORDS). */
export const HELD_CONTENT: ReadonlySet<string> = new Set(words`content contents body text source`);

/**
 * Objects that creating or starting means running: a new job or run starts work at once, and a new
 * prediction runs a model on its input.
 */
export const RUN_OBJECTS: ReadonlySet<string> = new Set(words`job run execution prediction`);
/** Words by which a job or a run waits for its time: creating a scheduled one runs nothing yet. */
export const SCHEDULED_WORDS: ReadonlySet<string> = new Set(words`scheduled recurring periodic cron`);

/**
 * Light verbs ("perform", "run", "conduct", "do", "start") take their meaning from their object:
 * running a report or starting a search reads; performing a deployment runs.
 */
export const LIGHT_VERBS: ReadonlySet<string> = new Set(words`perform run conduct do start execute`);

/** Nouns of reading: a light verb on one of these is Read. */
export const READ_NOUNS: ReadonlySet<string> = new Set(
  words`search research retrieval lookup analysis analyzer report calculation diagnosis diagnostic diagnostics inspection review check scan`,
);

/**
 * Nouns of judging what is there: a light verb on one reads ("perform a risk assessment", "run a
 * security audit of the configuration"), unless the tool takes a URL, whose page an audit loads
 * and runs (the labelling guide: an audit tool that loads a page in a browser is Execute).
 */
export const AUDIT_NOUNS: ReadonlySet<string> = new Set(words`audit audits assessment assessments`);

/** Words that open a first sentence without saying what the tool does ("This tool lets you …"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  words`this tool tools use used to allows allow lets let you the user users a an function helps help can will that which it simply please mcp server api endpoint method directly quickly easily we i your is for and or programmatically automatically safely also just now then here first must should`,
);

/** Name tokens too generic to say anything about a tool. */
export const IGNORED_NAME_TOKENS: ReadonlySet<string> = new Set(
  words`a an the as to of for by and or tool mcp in on from with all pre`,
);

/** Phrases in the description after its first sentence: each counts once, as a weak signal. */
export interface PhraseRule {
  id: string;
  suggests: Category;
  weight: number;
  pattern: RegExp;
}

export const DESCRIPTION_RULES: readonly PhraseRule[] = [
  {
    id: 'phrase:read-only',
    suggests: 'Read',
    weight: 2,
    pattern:
      /\((?:read-only)\)|\bread-only (?:operations?|access|tool)\b|\b(?:does not (?:modify|change|write|alter)|without (?:modifying|changing))\b(?! (?:any )?(?:other|the rest|anything else)\b)|\bno side effects\b/i,
  },
  {
    id: 'phrase:local-computation',
    suggests: 'Read',
    weight: 2,
    pattern:
      /\b(?:works? (?:entirely |fully )?offline|without (?:making )?(?:any )?(?:API|network|external) (?:calls|requests)|makes? no (?:API|network|external) (?:calls|requests))\b/i,
  },
  {
    id: 'phrase:irreversible',
    suggests: 'Destructive',
    weight: 2,
    pattern:
      /\b(?:permanently (?:delete|remove|destroy|erase)s?|irreversibl[ey]|cannot be undone|can ?not be (?:recovered|reversed)|no undo)\b/i,
  },
  {
    id: 'phrase:moves-money',
    suggests: 'Financial',
    weight: 1,
    pattern:
      /\b(?:charges? (?:a|the) (?:card|customer)|transfers? (?:money|funds)|wire transfer|spend(?:s|ing)? money|moves? money|places? an order|executes? (?:a )?trades?)\b/i,
  },
  {
    id: 'phrase:deletes',
    suggests: 'Destructive',
    weight: 1,
    pattern: /\b(?:deletes|removes|destroys|purges|erases|wipes|truncates|overwrites|overwritten)\b/i,
  },
  {
    id: 'phrase:runs-code',
    suggests: 'Execute',
    weight: 1,
    pattern:
      /\b(?:execut(?:e|es|ing)|runs?|evaluat(?:e|es|ing))\b[^.\n]{0,30}\b(?:code|commands?|scripts?|shell|sql|quer(?:y|ies)|programs?|javascript|python)\b/i,
  },
];

/**
 * A description that states the tool overwrites what exists ("if the action already exists it
 * will be overwritten", "create a new file or completely overwrite an existing one") describes an
 * overwrite mode: a tool that would otherwise be Write is Destructive, and so does one that replaces
 * all of something ("by replacing all exercises and sets") or drops what the caller leaves out
 * ("omitted exercises are removed"). So does one that replaces an existing file, calls itself
 * "destructive to existing data", or drops columns, tables or data ("Drops the _version column and
 * its trigger"), or states a full replacement ("performs a full document replacement") or what
 * happens to what exists ("if a document with the same id exists, it will be replaced"). An option
 * to overwrite that is off by default ("overwrite control", "set overwrite to true") is not such a
 * statement.
 */
export const OVERWRITE_STATEMENT =
  /\b(?:(?:will|are|is|gets?|be|being)\s+(?:silently\s+)?overwritten|overwrites? (?:an? |the |any )?existing|(?:completely|or) overwrites?\b|(?:will|would) overwrite (?:the |an? )?(?:current|existing)\b|\bfull (?:[\w-]+ )?replacement\b|\bexists?,? (?:it|they) (?:will be|is|are|gets?) (?:replaced|overwritten)\b|replac(?:es?|ing) (?:all\b(?! (?:occurrences|matches|instances)\b)|(?:the )?(?:entire|whole)\b|(?:the )?contents?\b|(?:an? |the |any )?existing\b)|\bomitted [\w ]{0,30}\b(?:are|is|will be|get) (?:removed|deleted|dropped)\b|\b(?:is|are) destructive to\b|\boverwrit(?:es?|ing)\b['"]?,? or ['"]?append|\boverwrit(?:es|ing) (?:it |them )?by default\b|\bdrops? (?:(?:the|its|all|any|existing) ){0,2}(?:[\w-]+ ){0,2}(?:columns?|tables?|objects?|data|triggers?|indexes|databases?)\b)/i;

/**
 * Words in the clause before a stated overwrite that deny it: "the wiki does not silently overwrite
 * existing files", "appends information without replacing existing content".
 */
export const OVERWRITE_DENIED = /\b(?:not|never|without|no)\b/i;

/**
 * The opening of a sentence that tells how to ask for an overwrite ("To replace all existing
 * variables, set 'replace' to true", "To replace an existing file, use update-file"): another tool or
 * an option does it, not a call of this one.
 */
export const HOW_TO_ASK = /^\s*(?:to|if you (?:want|need) to)\s*$/i;

/** Words after "replace content" that confine it to a part: "in a memory", "matching a pattern". */
export const CONTENT_PARTS: ReadonlySet<string> = new Set(words`in within matching that which between`);

/**
 * A description that says an update changes only the fields passed ("Only provided fields will be
 * updated", "partial update", "omitted fields remain unchanged"): whatever one field replaces, the
 * record is edited, not overwritten (Write), so a stated overwrite does not make it Destructive.
 */
export const PARTIAL_UPDATE =
  /\b(?:only (?:the )?(?:provided|passed|given|supplied|specified) fields|(?:allows|performs|does|is an?) partial updates?|omitted fields (?:remain|are left|stay)|only need to provide the fields|fields (?:not provided|you omit) (?:remain|are left|stay))\b/i;

/**
 * Input properties, judged by the last word of their name and only when they take a free-form
 * string (no enum, const, pattern or format): `sourceCode` counts, `countryCode` does too by its
 * last word but is one weak signal and decides nothing alone; `scriptName` ends in "name" and
 * does not count.
 */
export interface PropertyRule {
  id: string;
  suggests: Category;
  weight: number;
  lastWords: readonly string[];
}

export const PROPERTY_RULES: readonly PropertyRule[] = [
  {
    id: 'property:code',
    suggests: 'Execute',
    weight: 2,
    lastWords: ['sql', 'code', 'command', 'cmd', 'script', 'shell', 'expression', 'program', 'javascript', 'python'],
  },
];

/**
 * A command router: one tool that runs whichever of several operations one argument names (a
 * free-form `command`, `operation`, `action` or `subcommand`, its arguments in an open object), or
 * that declares each operation as a variant of its input (`anyOf` of objects whose `operation` is a
 * `const`). What it does depends on that argument, so its category comes from the operations it
 * lists: any that changes something makes it Execute ("actions whose effect depends on the
 * arguments"), one that moves money Financial, and only reads Read.
 */
export const ROUTER = {
  /** The last word of the argument that names the operation. */
  selectorWords: new Set(words`command cmd subcommand operation op action`),
  /**
   * The last word of an argument that may pick the operation or merely a variant of one (`mode:
   * list | create | delete` on a git branch tool, but `mode: start | continue | abort` on a rebase):
   * it declares operations only when its values both read and change.
   */
  modeWords: new Set(words`mode`),
  /** The last word of the open object that carries the operation's own arguments. */
  argumentWords: new Set(words`parameters params args arguments options input payload`),
  /** Sentences that explain how to call the router rather than what its operations do. */
  boilerplate:
    /command\s+router|routed to|learn\s*=|"command"|"parameters"|command model|command field|sub-?commands? (?:are|is) /i,
  /** Advice on when to call the tool, or on calling others: it names no operation of this one. */
  advice:
    /^(?:always|never|only call|make sure|call (?:this|it)|use (?:this tool |these tools )?(?:when|any ?time|whenever|if|first|before)|if this tool)\b|\bthen call\b|\bshould be (?:called|used)\b/i,
  /** Words after which the rest of a sentence says what the tool does not do. */
  negation: /\b(?:not|never|don't|cannot|instead of)\b/i,
  /** A leading title such as "Storage operations - " before the sentence proper. */
  title: /^[^.!?\n]{1,60}?\s[-–—]\s+/u,
  /** Nouns of advice: a verb after "guidance for", "best practices for" is a topic, not an operation. */
  topicNouns: new Set(
    words`guidance practices practice recommendations advice instructions documentation docs tips examples help knowledge`,
  ),
  /** Words after which a verb-like word is a listed operation ("to read, create, modify"). */
  listWords: new Set(words`to and or can also then`),
  /**
   * Catch-all verbs: "Commands for managing X" says the router is about X, not which operations it
   * has. Leading the description, such a verb decides only when no other operation is named.
   */
  umbrellaVerbs: new Set(words`manage interact`),
} as const;

/** How much each source weighs. The name and the first sentence are strong; the rest is weak. */
export const WEIGHTS = {
  name: 4,
  /** A verb found inside the name rather than at either end, behind a namespace. */
  innerName: 2,
  title: 2,
  firstSentence: 4,
  /** Another verb of the first sentence, joined to the main one ("creates or overwrites"). */
  secondVerb: 2,
} as const;

/**
 * Phrases by which a description claims the tool changes nothing: that it is read-only, or that it
 * computes locally without calling any service. Like `readOnlyHint: true`, such a claim may lower
 * Write to Read, never anything more severe.
 */
export const READ_ONLY_CLAIMS: ReadonlySet<string> = new Set(['phrase:read-only', 'phrase:local-computation']);

/** With no evidence at all, a tool is assumed to change something, as MCP's defaults assume. */
export const FALLBACK_CATEGORY: Category = 'Write';

/**
 * A first sentence whose verb hands something back (provides, returns, gives, offers) and whose
 * object is written guidance says the tool answers with text about an action rather than taking
 * it: "Provides detailed instructions for running the tests" reads; it runs nothing.
 */
export const HAND_BACK_VERBS: ReadonlySet<string> = new Set(words`provide return give offer supply get`);
export const TEXT_ARTIFACTS: ReadonlySet<string> = new Set(
  words`documentation docs guidance guideline guidelines instruction instructions advice tip tips recommendation recommendations explanation tutorial walkthrough practices`,
);

/**
 * Where a tool writes what it fetches: an input naming a file or folder to save to
 * (`outputPath`, `saveDir`, `download_path`) that it always uses (required, or with a default),
 * or a first sentence that fetches "to your local project". A tool that reads from elsewhere and
 * keeps a copy on this machine writes (Write); one that saves only when asked to still reads.
 */
export const LOCAL_OUTPUT_PROPERTY =
  /^(?:output|save|download)_?(?:path|dir|directory|file|filename|folder|location)$|^save_?to$/i;
/**
 * A description that says the tool launches a browser to do its work ("auto-launches one headless",
 * "launches a separate headless browser"): an audit or a check it calls a read runs a page in that
 * browser (Execute), as the labelling guide has audits that load a page.
 */
export const LAUNCHES_BROWSER =
  /(?<!\b(?:not|never|no)\s)\b(?:launch(?:es|ing)?|auto-launch(?:es|ing)?|spins? up)\b[^.]{0,40}\b(?:headless|chrome|chromium|browser)\b|\bheadless (?:chrome|chromium|browser)\b/i;

/**
 * A first sentence that runs only queries limited to reading: "Run a one-off readonly query on your
 * deployment", "Execute SELECT queries and data retrieval operations". The caller writes the query,
 * but the tool's own words confine it to reading (Read), as a read-only connection does. So do the
 * query languages that have no statement for changing data: Salesforce's SOQL and SOSL, InstantDB's
 * InstaQL, Jira's JQL, the PromQL, LogQL and TraceQL of metrics, logs and traces, New Relic's NRQL.
 * SQL, Cypher, KQL and DQL are not among them: each has forms that write or drop.
 */
export const READ_ONLY_QUERY =
  /^\s*(?:run|runs|execute|executes|perform|performs)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:read[- ]?only\s+(?:[\w-]+\s+){0,2}?|(?:read|select|soql|sosl|instaql|jql|promql|logql|traceql|nrql)\s+(?:(?:sql|cypher|graphql|kql|dql)\s+)?)(?:quer(?:y|ies)|statements?|commands?)\b|^\s*(?:call|calls)\s+(?:an?\s+)?read[- ]?only\s+(?:functions?|methods?)\b|^\s*(?:run|runs|execute|executes)\s+(?:an?\s+)?(?:sql\s+)?quer(?:y|ies)\b[^()]*\((?:read[- ]?only|select)(?:\s+(?:quer(?:y|ies)|statements?|only))?\)/i;

/**
 * A transaction that is begun, committed or rolled back, or that holds savepoints, is a database's:
 * controlling it runs a statement of the database (Execute), and it moves no money. Both patterns
 * must match the tool's name or first sentence.
 */
export const DATABASE_TRANSACTION = {
  subject: /\b(?:transactions?|savepoints?)\b/i,
  control: /\b(?:commit|commits|roll ?back|rollbacks?|begin|begins|savepoints?|isolation level)\b/i,
} as const;

/**
 * A query saved in the service that a tool runs by its id: a Metabase card or question, a saved
 * search or report. The service holds the query and the caller fills in its parameters, so running
 * it is the fixed search the labelling guide reads (Read); a tool that also takes the query's text
 * runs whatever the caller writes (Execute).
 */
export const SAVED_QUERY_ID = /^(?:saved_?)?(?:card|question|query|search|report)_?id$/i;
export const QUERY_TEXT_PROPERTY =
  /^(?:query|sql|native|native_?query|code|script|statement|command|expression|mbql)$/i;

/**
 * Verbs of taking a copy: a tool named or opening with one that offers a path on this machine to
 * save to (`outputPath`, `targetPath`, `local_path`, `filePath`), even as an option ("as base64 or to disk"),
 * is made to keep a copy here (Write).
 */
export const DOWNLOADING_VERBS: ReadonlySet<string> = new Set(words`download export fetch`);
/**
 * A description that says, as a plain statement anywhere, that the tool saves its output as a file
 * on this machine: "Saves output file to directory (default: $HOME/Desktop)". Not an option ("can
 * save", "optionally saves", "if … saves").
 */
export const SAVES_OUTPUT_FILE =
  /(?<!\b(?:can|may|optionally|also|to)\s)\bsaves? (?:the )?(?:output|result|resulting|generated)?\s?(?:audio |image |video )?files? (?:to|in|into) (?:an? |the )?(?:[\w-]+ )?(?:directory|folder|disk)\b|\b(?:get|gets|return|returns|returning) (?:the |its )?local (?:file )?path\b/i;
export const DOWNLOAD_TARGET_PROPERTY =
  /^(?:output|save|download|target|local)_?(?:path|dir|directory|file|filename|folder|location)$|^file_?path$|^save_?to$|^sub_?dir(?:ectory)?$/i;
export const LOCAL_DESTINATION =
  /\b(?:to|into) (?:your |the |a )?(?:[\w-]+ )?(?:local (?:project|folder|directory|file|disk|machine|workspace|file ?system|path)|disk)\b|\b(?:to|into) (?:an? |the )?(?:[\w.-]+ ){0,2}files? on (?:the |a )?(?:[\w-]+ )?(?:server|device|host|machine|router)\b/i;

/**
 * Nouns that name a view of data: a tool whose name or opening words are only such a view, with no
 * verb anywhere, shows data and changes nothing ("Sales funnel from lead to order", "KPI card:
 * total revenue this month").
 */
export const VIEW_NOUNS: ReadonlySet<string> = new Set(
  words`chart charts graph kpi report reporting history dashboard funnel breakdown trend trends aging treemap histogram heatmap scatter pie donut sparkline overview analytics metrics statistics leaderboard timeline balance balances price prices quote quotes rate rates portfolio holdings summary summaries total totals statement statements stats`,
);

/**
 * Nouns that, right after a money word, make that word a noun too: "order history", "invoice
 * details", "trade book", `payout_report` and "deposit address" name records about money, which
 * reading shows (Read), not an order or a trade being placed. A fee or rewards are not among them:
 * they are what money verbs act on ("pay a fee", "withdraw rewards").
 */
export const MONEY_DATA_NOUNS: ReadonlySet<string> = new Set(
  words`history status details detail info information book summary report data pdf link url number lookup count total
    totals amount breakdown statement statements lines items quote quotes price prices rate rates estimate preview usage single
    address addresses`,
);

/**
 * Verbs that move money when their object is money although they mean something else on other
 * objects: capturing an authorised payment collects it (a screenshot is captured too), and voiding
 * an invoice or a payment cancels money owed (a void elsewhere only deletes).
 */
export const MONEY_ONLY_VERBS: ReadonlySet<string> = new Set(words`capture void`);

/**
 * A tool that changes a record of any type the caller names ("Update any document. Pass doctype,
 * e.g. 'Customer', 'Sales Order'") is as severe as the types its description offers: when money
 * documents are among them, it moves money (Financial).
 */
export const ANY_RECORD_TYPE =
  /\bany (?:[\w-]+ )?(?:documents?|records?|objects?|entit(?:y|ies)|doctypes?|resource types?|record types?|object types?)\b/i;

/**
 * Things that are only a tie between two others: a relation between issues, a peering between
 * networks, a permission between a file and a person, an issue's link to another, a person's
 * assignment to a record. Deleting one
 * leaves both sides in place and the tie can be made again (Write). A bare "link" is often a thing
 * of its own (a short link), so it counts only after the noun it belongs to (`delete_issue_link`).
 */
export const PAIRINGS: ReadonlySet<string> = new Set(words`relation relationship peering permission link assignment`);

/**
 * A membership taken away: a member removed from a team, a project or a chat, a role or a tag
 * removed from someone or something. Both sides remain and the link can be made again, which the
 * labelling guide counts as Write. A member is removed from a group ("Remove a member from an
 * organization", `remove_org_member`); removing a user from an instance or a system deletes the
 * account. A role or a tag is removed "from" its holder, by a verb of removing, not of deleting
 * ("Delete a label from a board" deletes the label).
 */
export const MEMBER_WORDS: ReadonlySet<string> = new Set(
  words`member members membership memberships collaborator collaborators participant participants assignee assignees reviewer reviewers watcher watchers follower followers subscriber subscribers user users`,
);
export const MEMBER_GROUPS: ReadonlySet<string> = new Set(
  words`team teams group groups project projects organization organizations org orgs channel channels chat chats card cards task tasks segment segments list lists audience audiences portfolio portfolios workspace workspaces board boards conversation conversations thread threads meeting meetings event events course courses community communities guild guilds room rooms`,
);
export const HELD_MARKS: ReadonlySet<string> = new Set(words`role roles tag tags label labels`);

/**
 * What clearing or resetting only empties and the tool rebuilds or the user sets again: a setting, a
 * selection, a filter, or a budget or statistics the server counts for itself (caches are CACHES,
 * whatever the verb).
 * Clearing these loses no stored data (Write); clearing a queue, a range of cells or a recorded
 * session still deletes (Destructive).
 */
export const CLEARABLE_STATE: ReadonlySet<string> = new Set(
  words`setting settings preference preferences selection filter filters highlight highlights budget budgets counter counters stats statistics cart basket`,
);
/**
 * A session of a browser, a terminal or a conversation: closing, stopping, ending or resetting one
 * loses nothing stored (the labelling guide: closing a session is Write), though a destroying verb
 * may name it, and a destructiveHint does not make it Destructive.
 */
export const SESSIONS: ReadonlySet<string> = new Set(words`session sessions`);
export const SESSION_ENDING_VERBS: ReadonlySet<string> = new Set(
  words`close end terminate reset clear disconnect exit quit stop`,
);

/**
 * A verb joined to a putting one that takes back what it puts ("add or remove taints", "save or remove
 * albums"): the tool both puts and takes away, and what it takes away can be put again (Write).
 */
export const UNDOING_VERBS: ReadonlySet<string> = new Set(words`remove clear unset`);
export const PUTTING_VERBS: ReadonlySet<string> = new Set(words`add save set write assign attach`);

/** Verbs that empty or reset such state: clearing a filter, resetting a query budget (Write). */
export const RESETTING_VERBS: ReadonlySet<string> = new Set(words`clear reset`);

/** A first sentence that puts something back to its default ("Reset hostname … to default value") resets it (Write). */
export const RESET_TO_DEFAULT = /\breset\b[^.]{0,80}?\bto (?:the |its |their )?defaults?\b/i;

/**
 * A cache: deleting, flushing or purging one drops copies that are fetched again from where they came
 * from (a CDN's edge copies of files still in their bucket), so nothing stored is lost (Write).
 */
export const CACHES: ReadonlySet<string> = new Set(words`cache caches`);

/**
 * Secrets that setting anew replaces for good: the old password stops working and cannot be had
 * back, as when it is rotated or reset (Destructive).
 */
export const REPLACED_SECRETS: ReadonlySet<string> = new Set(words`password passwords passphrase`);
export const SETTING_VERBS: ReadonlySet<string> = new Set(words`set change update`);
/**
 * What rotating replaces for good: a key, a secret, a token, a certificate or a password, whose old
 * value stops working (Destructive). Rotating a shape, a model or an image turns it (Write).
 */
export const ROTATED_SECRETS: ReadonlySet<string> = new Set(
  words`key keys secret secrets token tokens credential credentials certificate certificates cert certs password passwords passphrase apikey`,
);

/**
 * Marks a person puts on something and can put back at will: a reaction, a star, a vote, a
 * bookmark. Deleting one loses nothing that cannot be added again (Write).
 */
export const MARKS: ReadonlySet<string> = new Set(
  words`reaction reactions emoji like likes star stars vote votes upvote bookmark bookmarks favorite favorites favourite favourites`,
);

/** What resolving marks as settled rather than looks up: a review thread, an alert, an incident (Write). */
export const SETTLED_THINGS: ReadonlySet<string> = new Set(
  words`thread threads discussion discussions conversation conversations comment comments alert alerts incident incidents`,
);

/**
 * Things a reply is stored on rather than sent as a message: replying to a comment or a review
 * thread adds to it (Write), as posting a comment does.
 */
export const STORED_THREADS: ReadonlySet<string> = new Set(
  words`comment comments thread threads discussion discussions review reviews note notes`,
);

/**
 * An unsent draft: overwriting it is an edit of work in progress, not a loss (Write); a draft order or
 * invoice bills nobody until it is completed or sent (Write).
 */
export const DRAFT_OBJECTS: ReadonlySet<string> = new Set(words`draft drafts`);

/**
 * What runs later on a schedule. Creating one is Write when what it runs already exists (a cron job
 * that invokes a deployed function); when the tool takes the command itself (COMMAND_PROPERTIES),
 * it installs code to run on the server, which is Execute.
 */
export const SCHEDULED_RUNS: ReadonlySet<string> = new Set(words`cronjob schedule`);
/** The last word of a free-form string property that holds a command to run. */
export const COMMAND_PROPERTIES: ReadonlySet<string> = new Set(words`command cmd script shell`);

/** Files that hold other files: extracting one writes what it holds to disk, not a reading. */
export const ARCHIVES: ReadonlySet<string> = new Set(words`archive archives zip tarball tar`);

/**
 * Parts of a document that formatting restyles in place: formatting cells, a range or a shape
 * changes the document (Write); formatting a date or a value hands text back (Read).
 */
export const FORMATTED_PARTS: ReadonlySet<string> = new Set(
  words`range ranges cell cells shape shapes paragraph paragraphs table tables row rows column columns sheet sheets slide slides document doc docs text`,
);

/**
 * A deletion that only moves things to the trash, on a server that can bring them back or in a text
 * that says they can be restored, is undone (Write).
 */
export const TO_TRASH = /\b(?:moves?|moved|sends?|puts?)\b[^.\n]{0,40}\b(?:trash|bin|recycle bin)\b/i;
/** A description's own word that what it deletes comes back ("Files can be restored from trash within 30 days"). */
export const RESTORABLE = /\bcan be (?:restored|recovered)\b/i;
/**
 * A deletion done by archiving ("Delete a folder by archiving it and its documents"), or a tool named
 * for deleting whose first sentence says it archives ("Archives a list"), archives, which is undone (Write).
 */
export const BY_ARCHIVING = /\bby archiving\b|^\s*archives? (?:an? |the )?\w+/i;
export const RESTORING_FROM_TRASH: ReadonlySet<string> = new Set(words`restore untrash recover undelete`);

/**
 * A campaign with a budget to spend: creating one, or changing its budget, commits the advertiser
 * to pay for what it runs (Financial), as placing an order does. A campaign without one (an email
 * campaign) spends nothing, and a budget elsewhere (a travel plan's, a personal budget) is no spend.
 */
export const CAMPAIGNS: ReadonlySet<string> = new Set(words`campaign campaigns adset adsets adgroup adgroups`);
export const SPENDING_LIMITS: ReadonlySet<string> = new Set(words`budget budgets`);
