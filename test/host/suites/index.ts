// Every host suite, in run order.
import './activation.test';
import './keys-and-models.test';
import './keys-security.test';
import './chat-session.test';
import './conversations.test';
import './policy-and-selection.test';
import './compare-and-lm.test';
import './inline.test';
import './inline-routes.test';
import './edit.test';
import './usage.test';
import './usage-load-and-budget-card.test';
import './composer-tokens.test';
