package annotate

func (a *analysis) findThreats() {}
