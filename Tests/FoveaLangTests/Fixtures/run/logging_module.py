# logging as scripts use it; records go to stderr as CPython's handlers write them.
import logging
logger = logging.getLogger("trainer")
logger.info("hidden")
logger.warning("before config %d", 3)
# err: before config 3
# ---
logging.getLogger('tensorflow').setLevel(logging.ERROR)
logging.basicConfig(level=logging.INFO)
logging.info("epoch %d loss %.2f", 2, 0.5)
logger.info("from trainer")
logger.debug("no")
logging.getLogger('tensorflow').warning("quiet")
logging.warning("careful")
print(logger.getEffectiveLevel(), logging.getLogger() is logging.getLogger("root"), logging.getLogger("trainer") is logger)
# err: INFO:root:epoch 2 loss 0.50
# err: INFO:trainer:from trainer
# err: WARNING:root:careful
# out: 20 True True
# ---
logging.basicConfig(format="%(levelname)s - %(message)s", force=True)
logger.error("disk %s", "full")
# err: ERROR - disk full
# ---
logger.setLevel("LOUD")
# error: ValueError: Unknown level: 'LOUD'
