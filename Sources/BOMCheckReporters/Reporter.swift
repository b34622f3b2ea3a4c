public import BOMCheckCore
